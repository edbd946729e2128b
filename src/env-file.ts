import { existsSync } from 'node:fs'

/**
 * Reads ./.env into process.env when there is one (variables already set win), so a deployment can
 * copy .env.example to .env instead of exporting each variable.
 */
export function loadDotEnv (file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file)
}
