import { createHash, randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { DatabaseKind } from '../../src/db/url.ts'
import { migrate } from '../../src/db/migrate.ts'

// Each test gets a database of its own, copied from a template that Prisma's migrator built once
// (test/setup/templates.ts, run by tap before the suite): the same migrations as production.

const root = new URL('../../', import.meta.url).pathname

/** SQLite always; PostgreSQL too when TEST_POSTGRES_URL names a server (an admin URL). */
export function testDatabases (): DatabaseKind[] {
  return process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite']
}

function migrationsHash (kind: DatabaseKind): string {
  const dir = join(root, 'prisma', kind, 'migrations')
  const h = createHash('sha256')
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'migration.sql')
    if (existsSync(file)) h.update(name).update(readFileSync(file))
  }
  return h.digest('hex').slice(0, 12)
}

const sqliteTemplate = () => join(tmpdir(), `leadline-test-${migrationsHash('sqlite')}`, 'template.db')
const postgresTemplate = () => `leadline_template_${migrationsHash('postgres')}`

function adminUrl (database?: string): string {
  const url = new URL(process.env.TEST_POSTGRES_URL!)
  if (database) url.pathname = `/${database}`
  return url.href
}

async function withAdmin<T> (fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() })
  await client.connect()
  try { return await fn(client) } finally { await client.end() }
}

/** Builds the templates that are missing. Idempotent; run once before the suite. */
export async function ensureTemplates (): Promise<void> {
  const file = sqliteTemplate()
  if (!existsSync(file)) {
    mkdirSync(join(file, '..'), { recursive: true })
    const building = `${file}.${process.pid}.tmp`
    await migrate(`file:${building}`)
    copyFileSync(building, file)
    for (const f of readdirSync(join(file, '..'))) if (f.includes('.tmp')) rmSync(join(file, '..', f), { force: true })
  }
  if (process.env.TEST_POSTGRES_URL) {
    const name = postgresTemplate()
    const exists = await withAdmin(c => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))
    if (exists.rowCount === 0) {
      const building = `${name}_building`
      await withAdmin(async c => {
        await c.query(`DROP DATABASE IF EXISTS "${building}"`)
        await c.query(`CREATE DATABASE "${building}"`)
      })
      await migrate(adminUrl(building))
      await withAdmin(c => c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`))
    }
  }
}

export interface TestDatabase { kind: DatabaseKind, url: string, drop: () => Promise<void> }

/** A fresh, migrated database of the given kind. */
export async function freshDatabase (kind: DatabaseKind): Promise<TestDatabase> {
  const id = randomBytes(6).toString('hex')
  if (kind === 'sqlite') {
    const dir = join(tmpdir(), `leadline-db-${id}`)
    mkdirSync(dir, { recursive: true })
    copyFileSync(sqliteTemplate(), join(dir, 'leadline.db'))
    return { kind, url: `file:${join(dir, 'leadline.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `leadline_t_${id}`
  await withAdmin(c => c.query(`CREATE DATABASE "${name}" TEMPLATE "${postgresTemplate()}"`))
  return {
    kind,
    url: adminUrl(name),
    drop: () => withAdmin(async c => { await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) })
  }
}
