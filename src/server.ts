import { buildApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { createFirstApiKey } from './consultant/api-keys.ts'
import { openDatabase } from './db/client.ts'
import { migrate } from './db/migrate.ts'
import { loadDotEnv } from './env-file.ts'
import { resolveIpHashSecret } from './secrets.ts'

// The entry point: load config → migrate → build → listen → close gracefully.

const SHUTDOWN_TIMEOUT_MS = 10_000

async function main (): Promise<void> {
  loadDotEnv()
  const config = loadConfig(process.env)
  await migrate(config.databaseUrl, msg => console.log(`leadline: ${msg}`))
  // One connection for the whole process: the first-key check and the app share it.
  const db = await openDatabase({ url: config.databaseUrl })
  await createFirstApiKey(db, line => console.log(line), config.publicBaseUrl)
  const app = await buildApp({ config, db, ipHashSecret: resolveIpHashSecret(config) })

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight')
    // close() stops accepting, waits for in-flight requests and stops the worker; then the database.
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting')
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS)
    timer.unref()
    app.close().then(() => db.close()).then(() => process.exit(0), err => {
      app.log.error({ err }, 'shutdown failed')
      process.exit(1)
    })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
}

main().catch(err => {
  if (err instanceof ConfigError) {
    console.error(`leadline: ${err.message}`)
  } else {
    console.error('leadline: failed to start:', err)
  }
  process.exit(1)
})
