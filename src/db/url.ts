/** Which database a DATABASE_URL names: `file:` is the embedded SQLite file, `postgres(ql):` a server. */
export type DatabaseKind = 'sqlite' | 'postgres'

export function databaseKind (url: string): DatabaseKind {
  if (url.startsWith('file:')) return 'sqlite'
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres'
  throw new Error('DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)')
}

/** The filesystem path of a `file:` URL, relative paths taken from the working directory. */
export function sqliteFile (url: string): string {
  return url.slice('file:'.length).replace(/\?.*$/, '')
}
