import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { buildApp, type AppDeps } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { openDatabase, type Database } from '../../src/db/client.ts'
import type { DatabaseKind } from '../../src/db/url.ts'
import { freshDatabase } from './databases.ts'

export interface TestApp {
  app: FastifyInstance
  db: Database
  config: Config
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>
  /** Raw log output, for asserting what must never appear. */
  rawLogs: () => string
  close: () => Promise<void>
}

export interface TestAppOptions extends Partial<Omit<AppDeps, 'config' | 'db' | 'logStream'>> {
  kind?: DatabaseKind
  env?: Record<string, string>
}

/** The real app on a fresh database, with its log captured; close() drops the database. */
export async function buildTestApp ({ kind = 'sqlite', env = {}, ...deps }: TestAppOptions = {}): Promise<TestApp> {
  const database = await freshDatabase(kind)
  // Tests drive the outbox worker with app.outbox.drainOnce(), never its timer.
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'info', RATE_LIMIT_MAX: '1000', WORKER_IN_PROCESS: 'false', ...env })
  const db = await openDatabase({ url: database.url, poolSize: 4 })
  const chunks: string[] = []
  const logStream = new Writable({ write (chunk, _enc, cb) { chunks.push(chunk.toString()); cb() } })
  const app = await buildApp({ config, db, logStream, ipHashSecret: 'test-secret-0123456789', ...deps })
  await app.ready()
  return {
    app,
    db,
    config,
    get logs () { return chunks.join('').split('\n').filter(Boolean).map(l => JSON.parse(l) as Record<string, unknown>) },
    rawLogs: () => chunks.join(''),
    close: async () => {
      await app.close()
      await db.close()
      await database.drop()
    }
  }
}
