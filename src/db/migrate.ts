import { readdir } from 'node:fs/promises'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { openDatabase, type Database } from './client.ts'
import { databaseKind, type DatabaseKind } from './url.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js')

function migrationsDir (kind: DatabaseKind): string {
  return join(root, 'prisma', kind, 'migrations')
}

/** Names of the committed migrations that the database has not finished applying. */
async function pendingMigrations (db: Database): Promise<string[]> {
  const all = (await readdir(migrationsDir(db.kind), { withFileTypes: true }))
    .filter(d => d.isDirectory()).map(d => d.name).sort()
  let applied: Array<{ migration_name: string }> = []
  try {
    applied = await db.prisma.$queryRawUnsafe(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
  } catch {
    // No _prisma_migrations table yet: nothing applied.
  }
  const done = new Set(applied.map(r => r.migration_name))
  return all.filter(name => !done.has(name))
}

/**
 * Applies pending migrations with Prisma's own migrator (`prisma migrate deploy`). Checking first
 * keeps the usual start fast: the CLI is only started when there is something to apply. The check's
 * connection is closed before the migrator runs, so it never waits on a lock of ours.
 */
export async function migrate (url: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  const db = await openDatabase({ url, poolSize: 1 })
  let pending: string[]
  try {
    pending = await pendingMigrations(db)
  } finally {
    await db.close()
  }
  if (pending.length === 0) return []
  log(`applying ${pending.length} migration(s): ${pending.join(', ')}`)
  await runPrisma(['migrate', 'deploy', '--config', join(root, 'prisma', databaseKind(url), 'prisma.config.ts')], url)
  return pending
}

function runPrisma (args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', d => { output += d })
    child.stderr.on('data', d => { output += d })
    child.on('error', reject)
    child.on('close', code => code === 0
      ? resolve()
      : reject(new Error(`prisma ${args.join(' ')} failed (exit ${code}):\n${output.trim()}`)))
  })
}
