import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Database } from '../db/client.ts'
import { toDate } from '../db/sql.ts'

// API keys: "ll_" + 192 random bits in base64url. Only the SHA-256 of a key is stored: a key has
// far more entropy than a password, so a fast hash is enough (no salt or KDF needed) and lets the
// key be found by an indexed lookup.

const KEY_PREFIX = 'll_'
const RANDOM_BYTES = 24
export const API_KEY_PATTERN = /^ll_[A-Za-z0-9_-]{32}$/
/** lastUsedAt is written at most this often per key, so reads do not turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000

export interface ApiKeyInfo {
  id: string
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

export interface CreatedApiKey extends ApiKeyInfo {
  /** The key itself: shown once, never stored. */
  key: string
}

export interface ApiKeyIdentity { id: string, name: string }

export function hashApiKey (key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

export function generateApiKey (): string {
  return KEY_PREFIX + randomBytes(RANDOM_BYTES).toString('base64url')
}

const INFO = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const

export function createApiKeyStore ({ db, clock = () => new Date() }: { db: Pick<Database, 'prisma' | 'sql'>, clock?: () => Date }) {
  return {
    async create (name: string): Promise<CreatedApiKey> {
      const key = generateApiKey()
      const row = await db.prisma.apiKey.create({
        data: { id: randomUUID(), name, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(key), createdAt: clock() },
        select: INFO
      })
      return { ...row, key }
    },

    list (): Promise<ApiKeyInfo[]> {
      return db.prisma.apiKey.findMany({ select: INFO, orderBy: { createdAt: 'asc' } })
    },

    /** True when the key existed and was active. */
    async revoke (id: string): Promise<boolean> {
      const { count } = await db.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: clock() } })
      return count === 1
    },

    /** The active key a presented secret names, if any. */
    async authenticate (presented: string): Promise<ApiKeyIdentity | undefined> {
      if (!API_KEY_PATTERN.test(presented)) return undefined
      const hash = hashApiKey(presented)
      // Plain SQL: every consultant request runs this (see db/sql.ts).
      const [row] = await db.sql.all<{ id: string, name: string, hash: string, revokedAt: unknown, lastUsedAt: unknown }>(
        'SELECT "id", "name", "hash", "revokedAt", "lastUsedAt" FROM "ApiKey" WHERE "hash" = ?', [hash])
      // The lookup is by hash; comparing the stored hash in constant time as well keeps any
      // timing difference from depending on the secret even if the index lookup is not.
      if (!row || !timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash, 'hex')) || row.revokedAt !== null) return undefined
      const now = clock()
      if (row.lastUsedAt === null || now.getTime() - toDate(row.lastUsedAt).getTime() >= LAST_USED_RESOLUTION_MS) {
        await db.sql.run('UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?', [now, row.id])
      }
      return { id: row.id, name: row.name }
    },

    /** On the very first start (no key was ever made), creates one so the API is usable at once. */
    async createFirstKey (): Promise<CreatedApiKey | undefined> {
      if (await db.prisma.apiKey.count() > 0) return undefined
      return this.create('default')
    }
  }
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>

/**
 * On the very first start, creates a key and prints it (once: only its hash is kept), so a new
 * user can call the API straight away. Later starts print nothing.
 */
export async function createFirstApiKey (db: Pick<Database, 'prisma' | 'sql'>, print: (line: string) => void, baseUrl: string): Promise<void> {
  const created = await createApiKeyStore({ db }).createFirstKey()
  if (!created) return
  print(`leadline: created the first API key, "${created.name}". It is shown only this once; keep it somewhere safe:`)
  print(`  ${created.key}`)
  print(`  try: curl -H "Authorization: Bearer ${created.key}" ${baseUrl}/api/leads`)
  print('  more keys: npm run apikey -- create NAME · list: npm run apikey -- list · revoke: npm run apikey -- revoke ID')
}
