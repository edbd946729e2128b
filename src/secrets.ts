import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Config } from './config.ts'
import { databaseKind, sqliteFile } from './db/url.ts'

/**
 * IP_HASH_SECRET when set. On the embedded default a secret is made once and kept beside the
 * database file, so fingerprints stay comparable across restarts with nothing to configure. Several
 * instances on PostgreSQL must share one secret: there it has to be set.
 */
export function resolveIpHashSecret (config: Pick<Config, 'ipHashSecret' | 'databaseUrl'>): string {
  if (config.ipHashSecret) return config.ipHashSecret
  if (databaseKind(config.databaseUrl) !== 'sqlite') {
    throw new Error('IP_HASH_SECRET must be set (at least 16 characters) when DATABASE_URL is PostgreSQL')
  }
  const file = `${dirname(sqliteFile(config.databaseUrl))}/ip-hash-secret`
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    mkdirSync(dirname(file), { recursive: true })
    const secret = randomBytes(32).toString('hex')
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' })
    return secret
  }
}
