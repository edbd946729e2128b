import { join } from 'node:path'
import type { FreshDatabase } from './databases.ts'
import { startChild, type Child } from './processes.ts'

// The real service, as `npm start` runs it, on a database of its own.

/** Long enough never to trip during a run; the flood scenario sets its own, normal limit. */
export const NO_RATE_LIMIT = String(1_000_000_000)
export const IP_HASH_SECRET = 'bench-ip-hash-secret-not-for-production'

export function serviceEnv (db: FreshDatabase, env: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    MAIL_DIR: join(db.dir, 'mail'),
    RATE_LIMIT_MAX: NO_RATE_LIMIT,
    // Every new lead then queues both its e-mails (consultant and acknowledgement): the full write.
    ACK_HOURLY_LIMIT: NO_RATE_LIMIT,
    ...(db.kind === 'postgres' ? { IP_HASH_SECRET } : {}),
    ...env
  }
}

export function startService (db: FreshDatabase, env: Record<string, string> = {}): Promise<Child> {
  return startChild({ entry: 'src/server.ts', env: serviceEnv(db, env) })
}

export function startBaseline (store: 'none' | 'sqlite' | 'postgres', databaseUrl = ''): Promise<Child> {
  return startChild({ entry: 'bench/baseline/server.ts', env: { BENCH_STORE: store, DATABASE_URL: databaseUrl } })
}
