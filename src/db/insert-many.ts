import type { Sql, SqlValue } from './sql.ts'

type Row = Record<string, SqlValue>

// SQLite takes at most 32 766 parameters in one statement, PostgreSQL 65 535.
const MAX_PARAMETERS = 30_000

/**
 * One multi-row INSERT per chunk, with bound parameters: intake writes a whole batch of leads, and
 * their timeline and outbox rows, in a few statements. Every row must have the same columns, all of
 * them given (database defaults and Prisma's @updatedAt are not applied here).
 */
export async function insertMany (sql: Sql, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0]!)
  const tuple = `(${columns.map(() => '?').join(',')})`
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk)
    const values: SqlValue[] = []
    for (const row of chunk) for (const c of columns) values.push(row[c] ?? null)
    await sql.run(`INSERT INTO "${table}" (${columns.map(c => `"${c}"`).join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`, values)
  }
}
