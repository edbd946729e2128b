import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { PrismaClient, Prisma } from './generated/sqlite/client.ts'
import { databaseKind, sqliteFile, type DatabaseKind } from './url.ts'

// Both generated clients have the same models (test/db/schemas.test.ts); the SQLite one's types
// stand for both.
export type Prisma$ = PrismaClient
export type Tx = Prisma.TransactionClient
export type { Prisma }

export interface Database {
  kind: DatabaseKind
  prisma: PrismaClient
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
  const prisma = kind === 'sqlite' ? await openSqlite(url) : await openPostgres(url, poolSize)
  return {
    kind,
    prisma,
    ping: async () => { await prisma.$queryRawUnsafe('SELECT 1') },
    close: async () => { await prisma.$disconnect() }
  }
}

async function openSqlite (url: string): Promise<PrismaClient> {
  const file = sqliteFile(url)
  mkdirSync(dirname(file), { recursive: true })
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import('./generated/sqlite/client.ts'),
    import('@prisma/adapter-better-sqlite3')
  ])
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) })
  // The adapter sets no pragmas; the default rollback journal with synchronous=FULL is about 3x
  // slower. WAL with synchronous=NORMAL stays durable across process crashes (sqlite.org/wal.html).
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL')
  await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON')
  // Gathers the statistics the planner needs to pick the right index (without them the lead list
  // used the spam index instead of (status, createdAt)); cheap, as sqlite.org/lang_analyze.html advises at open.
  await prisma.$queryRawUnsafe('PRAGMA optimize = 0x10002')
  return prisma
}

async function openPostgres (url: string, poolSize: number): Promise<PrismaClient> {
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import('./generated/postgres/client.ts'),
    import('@prisma/adapter-pg')
  ])
  const adapter = new PrismaPg({ connectionString: url, max: poolSize })
  return new PrismaClient({ adapter }) as unknown as PrismaClient
}
