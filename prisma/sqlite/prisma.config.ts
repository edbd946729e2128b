import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { sqliteFile } from '../../src/db/url.ts'

// Used by `prisma migrate` for the embedded database; the app itself applies migrations at start.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  adapter: async () => new PrismaBetterSQLite3({ url: sqliteFile(process.env.DATABASE_URL ?? 'file:./var/leadline.db') })
})
