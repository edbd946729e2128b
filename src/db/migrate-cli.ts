// `npm run db:migrate`: applies pending migrations to DATABASE_URL (the production deployment step;
// `npm start` also does it for the embedded database).
import { ConfigError, loadConfig } from '../config.ts'
import { loadDotEnv } from '../env-file.ts'
import { migrate } from './migrate.ts'

try {
  loadDotEnv()
  const { databaseUrl } = loadConfig(process.env)
  const applied = await migrate(databaseUrl, msg => console.log(`leadline: ${msg}`))
  console.log(applied.length > 0 ? `leadline: ${applied.length} migration(s) applied` : 'leadline: the database is up to date')
} catch (err) {
  console.error(`leadline: ${err instanceof ConfigError ? err.message : `migration failed: ${(err as Error).message}`}`)
  process.exit(1)
}
