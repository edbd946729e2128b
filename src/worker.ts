import pino from 'pino'
import { ConfigError, loadConfig } from './config.ts'
import { openDatabase } from './db/client.ts'
import { migrate } from './db/migrate.ts'
import { loadDotEnv } from './env-file.ts'
import { loggerOptions } from './logging.ts'
import { createMaintenance } from './maintenance/index.ts'
import { createNotifications } from './notifications/index.ts'

// `npm run worker`: the outbox worker alone, for deployments where several API instances share a
// PostgreSQL database and run with WORKER_IN_PROCESS=false. Several of these may run side by side.

const SHUTDOWN_TIMEOUT_MS = 10_000

async function main (): Promise<void> {
  loadDotEnv()
  const config = loadConfig(process.env)
  await migrate(config.databaseUrl, msg => console.log(`leadline worker: ${msg}`))
  const log = pino(loggerOptions(config.logLevel) as pino.LoggerOptions)
  const db = await openDatabase({ url: config.databaseUrl, poolSize: 2 })
  const notifications = createNotifications({ db, config, log })
  const maintenance = createMaintenance({ db, config, log })
  notifications.worker.start()
  maintenance.start()
  log.info({ workerId: notifications.worker.workerId }, 'outbox worker started')

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    log.info({ signal }, 'outbox worker stopping: finishing the job in hand')
    const timer = setTimeout(() => {
      log.error('outbox worker shutdown timed out; exiting (claims are taken again when their lease ends)')
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS)
    timer.unref()
    maintenance.stop().then(() => notifications.close()).then(() => db.close()).then(() => process.exit(0), err => {
      log.error({ err }, 'outbox worker shutdown failed')
      process.exit(1)
    })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

main().catch(err => {
  if (err instanceof ConfigError) console.error(`leadline worker: ${err.message}`)
  else console.error('leadline worker: failed to start:', err)
  process.exit(1)
})
