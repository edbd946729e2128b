import type { Profile } from './load.ts'

export interface Context {
  profile: Profile
  /** Where fresh PostgreSQL databases are created (only with --postgres). */
  postgresUrl: string
  log: (message: string) => void
}
