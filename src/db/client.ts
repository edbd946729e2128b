import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { PrismaClient, Prisma } from './generated/sqlite/client.ts'
import { postgresSql, sqliteSql, type BetterSqliteAdapter, type SqlDatabase } from './sql.ts'
import { databaseKind, sqliteFile, type DatabaseKind } from './url.ts'

// Both generated clients have the same models (test/db/schemas.test.ts); the SQLite one's types
// stand for both.
export type Prisma$ = PrismaClient
export type Tx = Prisma.TransactionClient
export type { Prisma }

export interface Database {
  kind: DatabaseKind
  prisma: PrismaClient
  /** Plain SQL on Prisma's own connection (SQLite) or pool (PostgreSQL), for the hot paths. */
  sql: SqlDatabase
  /** Resolves when the database answers a trivial query. */
  ping: () => Promise<void>
  close: () => Promise<void>
}

export interface DatabaseOptions {
  url: string
  /** PostgreSQL pool size per process. */
  poolSize?: number
}

/** Opens the database a DATABASE_URL names, with the settings this service relies on. */
export async function openDatabase ({ url, poolSize = 10 }: DatabaseOptions): Promise<Database> {
  const kind = databaseKind(url)
  const { prisma, sql } = kind === 'sqlite' ? await openSqlite(url) : await openPostgres(url, poolSize)
  return {
    kind,
    prisma,
    sql,
    ping: async () => { await prisma.$queryRawUnsafe('SELECT 1') },
    close: async () => { await prisma.$disconnect() }
  }
}

async function openSqlite (url: string): Promise<Pick<Database, 'prisma' | 'sql'>> {
  const file = sqliteFile(url)
  mkdirSync(dirname(file), { recursive: true })
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import('./generated/sqlite/client.ts'),
    import('@prisma/adapter-better-sqlite3')
  ])
  const factory = new PrismaBetterSQLite3({ url: file })
  // The connection Prisma opens is the one plain SQL uses too: one SQLite connection per process,
  // so the two never wait on each other's locks.
  let adapter: BetterSqliteAdapter | undefined
  const connect = factory.connect.bind(factory)
  factory.connect = async () => {
    const opened = await connect()
    adapter = opened as unknown as BetterSqliteAdapter
    return opened
  }
  const prisma = new PrismaClient({ adapter: factory })
  // The adapter sets no pragmas; the default rollback journal with synchronous=FULL is about 3x
  // slower. WAL with synchronous=NORMAL stays durable across process crashes (sqlite.org/wal.html).
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL')
  await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON')
  // Gathers the statistics the planner needs to pick the right index (without them the lead list
  // used the spam index instead of (status, createdAt, id)); cheap, as sqlite.org/lang_analyze.html advises at open.
  await prisma.$queryRawUnsafe('PRAGMA optimize = 0x10002')
  const sql = sqliteSql(() => {
    if (!adapter) throw new Error('the SQLite connection is not open')
    return adapter
  })
  return { prisma, sql }
}

const STATEMENT_TIMEOUT_MS = 30_000

async function openPostgres (url: string, poolSize: number): Promise<Pick<Database, 'prisma' | 'sql'>> {
  const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import('./generated/postgres/client.ts'),
    import('@prisma/adapter-pg'),
    import('pg')
  ])
  // One pool for Prisma and plain SQL alike; Prisma's disconnect ends it.
  // statement_timeout bounds what Prisma's transaction timeout bounded before plain SQL: no batch
  // of leads waits forever on a lock or a stuck server (the request then answers 503).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, statement_timeout: STATEMENT_TIMEOUT_MS })
  // An idle connection the server closed (restart, failover) is dropped by the pool and replaced on
  // next use, where a failure surfaces as that query's error; unhandled, this event would end the process.
  pool.on('error', () => {})
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as PrismaClient
  return { prisma, sql: postgresSql(pool, pg.types) }
}
