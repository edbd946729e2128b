import type { Tx } from './client.ts'
import type { DatabaseKind } from './url.ts'

type Row = Record<string, string | number | boolean | Date | null>

// SQLite takes at most 32 766 parameters in one statement, PostgreSQL 65 535.
const MAX_PARAMETERS = 30_000

/**
 * One multi-row INSERT per chunk, as raw SQL with bound parameters. On the intake's hot path this
 * replaces createMany: Prisma's query compiler handles every value of a createMany (its cost grows
 * with the data), while a raw statement's values go to the driver as they are. Every row must have
 * the same columns, all of them given (database defaults and @updatedAt are not applied here).
 */
export async function insertMany (tx: Pick<Tx, '$executeRawUnsafe'>, kind: DatabaseKind, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0]!)
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk)
    const values: Row[keyof Row][] = []
    const tuples = chunk.map(row => {
      const marks = columns.map(c => {
        values.push(row[c] ?? null)
        return kind === 'postgres' ? `$${values.length}` : '?'
      })
      return `(${marks.join(',')})`
    })
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${columns.map(c => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`, ...values)
  }
}
