import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { repoRoot } from './processes.ts'

// Fresh databases for each scenario (an SQLite file in a temporary directory, or a new PostgreSQL
// database), and a small raw-SQL handle for seeding and for checking what the service stored.
// Table and column names are quoted: PostgreSQL folds unquoted names to lower case.

export type Kind = 'sqlite' | 'postgres'

export interface Raw {
  /** Rows of a query written with $1, $2... placeholders, each used once and in order. */
  all: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>
  count: (sql: string, params?: unknown[]) => Promise<number>
  /** Several statements at once, without parameters. */
  exec: (sql: string) => Promise<void>
  close: () => Promise<void>
}

export interface FreshDatabase {
  kind: Kind
  url: string
  /** A directory of its own for the service's files (mail, the SQLite file and its secret). */
  dir: string
  drop: () => Promise<void>
}

let counter = 0
const open = new Set<FreshDatabase>()

/** Drops every database this run created and has not dropped yet (on errors and interrupts). */
export async function dropAll (): Promise<void> {
  for (const db of [...open]) await db.drop().catch(() => {})
}

export async function freshDatabase (kind: Kind, postgresUrl: string, label: string): Promise<FreshDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `leadline-bench-${label}-`))
  const track = (db: FreshDatabase): FreshDatabase => {
    const drop = db.drop
    const tracked = { ...db, drop: async () => { open.delete(tracked); await drop() } }
    open.add(tracked)
    return tracked
  }
  if (kind === 'sqlite') {
    return track({ kind, url: `file:${join(dir, 'leadline.db')}`, dir, drop: async () => { rmSync(dir, { recursive: true, force: true }) } })
  }
  const name = `leadline_bench_${process.pid}_${++counter}_${label.replace(/\W/g, '_')}`.toLowerCase()
  await withAdmin(postgresUrl, client => client.query(`CREATE DATABASE "${name}"`))
  const url = new URL(postgresUrl)
  url.pathname = `/${name}`
  return track({
    kind,
    url: url.toString(),
    dir,
    drop: async () => {
      rmSync(dir, { recursive: true, force: true })
      await withAdmin(postgresUrl, client => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    }
  })
}

async function withAdmin<T> (postgresUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl })
  await client.connect()
  try { return await run(client) } finally { await client.end() }
}

export async function openRaw (kind: Kind, url: string): Promise<Raw> {
  if (kind === 'sqlite') {
    const db = new Database(url.slice('file:'.length))
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    const all = async <T>(sql: string, params: unknown[] = []) => db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as T[]
    return {
      all,
      count: async (sql, params) => Number(Object.values((await all<Record<string, unknown>>(sql, params))[0] ?? {})[0]),
      exec: async sql => { db.exec(sql) },
      close: async () => { db.close() }
    }
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const all = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[]
  return {
    all,
    count: async (sql, params) => Number(Object.values((await all<Record<string, unknown>>(sql, params))[0] ?? {})[0]),
    exec: async sql => { await client.query(sql) },
    close: async () => { await client.end() }
  }
}

/** The committed migrations' SQL, in order: the same tables and indexes the service has. */
export function schemaSql (kind: Kind): string {
  const dir = join(repoRoot, 'prisma', kind, 'migrations')
  return readdirSync(dir, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort()
    .map(name => readFileSync(join(dir, name, 'migration.sql'), 'utf8')).join('\n')
}
