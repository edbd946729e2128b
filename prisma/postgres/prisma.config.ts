import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'
import { NameAsTextClient } from '../../src/db/pg-name-as-text.ts'

// Used by `prisma migrate` (npm run db:migrate) for PostgreSQL deployments.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  // A config object, not a Pool: the adapter's `instanceof pg.Pool` check fails across module copies.
  adapter: async () => new PrismaPg({
    connectionString: process.env.DATABASE_URL ?? 'postgresql://localhost/leadline',
    Client: NameAsTextClient,
    // The CLI would otherwise wait for pg's default 10 s idle timeout before it exits.
    idleTimeoutMillis: 100
  } as any)
})
