import type BetterSqlite3 from 'better-sqlite3'
import type pg from 'pg'
import type { DatabaseKind } from './url.ts'

// Plain SQL for the hot paths (intake's batch write, the lead list, API-key checks), straight to
// the driver Prisma itself uses: Prisma's query layer costs about 0.4 ms of CPU even for a raw
// statement and over 1 ms for a findMany, several times the statement itself. Everything else goes
// through Prisma. Statements are written once for both databases: `?` placeholders (numbered for
// PostgreSQL here), quoted identifiers, and values encoded the way Prisma stores them.

export type SqlValue = string | number | boolean | Date | null
export type SqlRow = Record<string, unknown>

export interface Sql {
  readonly kind: DatabaseKind
  /** The rows a statement returns. */
  all: <T = SqlRow>(sql: string, params?: readonly SqlValue[]) => Promise<T[]>
  /** Runs a statement; the number of rows it changed. */
  run: (sql: string, params?: readonly SqlValue[]) => Promise<number>
}

export interface SqlDatabase extends Sql {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction: <T>(work: (tx: Sql) => Promise<T>) => Promise<T>
}

/** A database error from the driver, tagged so the HTTP layer answers 503 (or 409 for a unique key). */
export class SqlError extends Error {
  override readonly name = 'SqlError'
  constructor (readonly code: string, message: string, options: { cause: unknown }) {
    super(message, options)
  }

  get uniqueViolation (): boolean {
    return this.code === '23505' || this.code === 'SQLITE_CONSTRAINT_UNIQUE' || this.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  }
}

/** A driver's error as a SqlError (the drivers' own errors carry a string code). */
function wrap (err: unknown): never {
  const e = err as { code?: unknown, message?: unknown } | null
  if (!(err instanceof SqlError) && typeof e?.code === 'string' && typeof e.message === 'string') throw new SqlError(e.code, e.message, { cause: err })
  throw err
}

/** As many `?` as values, comma-separated: the inside of an IN (…). */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(',')

/** `?` placeholders as PostgreSQL's $1, $2… (the statements here never hold a literal question mark). */
export function numberPlaceholders (sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/** A stored timestamp as a Date, whichever form the driver returned it in. */
export function toDate (value: unknown): Date {
  if (value instanceof Date) return value
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value))
  const text = String(value)
  // PostgreSQL's "timestamp without time zone" comes back as bare text here: Prisma keeps it in UTC.
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text.replace(' ', 'T')}Z`)
}

export const toBoolean = (value: unknown): boolean => value === true || value === 1 || value === 1n || value === 't'

/** A driver's row, in place, typed as Prisma returns it: these timestamp columns as Dates, these boolean ones as booleans. */
export function decodeRow<T> (row: SqlRow, { dates, booleans = [] }: { dates: readonly string[], booleans?: readonly string[] }): T {
  for (const column of dates) if (row[column] != null) row[column] = toDate(row[column])
  for (const column of booleans) if (column in row) row[column] = toBoolean(row[column])
  return row as T
}

// ---- SQLite: the connection Prisma's better-sqlite3 adapter opened ----

/** What this module needs of @prisma/adapter-better-sqlite3's adapter (its public driver-adapter surface). */
export interface BetterSqliteAdapter {
  client: BetterSqlite3.Database
  /** Takes the adapter's transaction lock and runs BEGIN; commit/rollback only release the lock. */
  startTransaction: () => Promise<{ commit: () => Promise<void>, rollback: () => Promise<void> }>
}

const STATEMENT_CACHE = 500

/** A value as Prisma's SQLite adapter stores it: ISO 8601 with +00:00, booleans as 0/1. */
export function sqliteValue (v: SqlValue): string | number | null {
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00')
  if (typeof v === 'boolean') return v ? 1 : 0
  return v
}

/** `current` is the adapter of Prisma's open connection (a new one if Prisma reconnects). */
export function sqliteSql (current: () => BetterSqliteAdapter): SqlDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>()
  let preparedOn: BetterSqlite3.Database | undefined
  const prepare = (sql: string): BetterSqlite3.Statement => {
    const { client } = current()
    // Statements belong to a connection: Prisma may have reconnected since.
    if (preparedOn !== client) { statements.clear(); preparedOn = client }
    let statement = statements.get(sql)
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE) statements.clear()
      statement = client.prepare(sql)
      // The adapter turns safe integers on for the whole connection; these statements read numbers.
      if (statement.reader) statement.safeIntegers(false)
      statements.set(sql, statement)
    }
    return statement
  }
  const runner: Sql = {
    kind: 'sqlite',
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => {
      try { return prepare(sql).all(...params.map(sqliteValue)) as T[] } catch (err) { return wrap(err) }
    },
    run: async (sql, params = []) => {
      try { return prepare(sql).run(...params.map(sqliteValue)).changes } catch (err) { return wrap(err) }
    }
  }
  async function transaction<T> (work: (tx: Sql) => Promise<T>): Promise<T> {
    // The adapter's lock keeps Prisma's own transactions on this connection out until COMMIT.
    const lock = await current().startTransaction()
    try {
      const result = await work(runner)
      await runner.run('COMMIT')
      await lock.commit()
      return result
    } catch (err) {
      // The lock is released even if ROLLBACK fails: held, it would stop every later transaction.
      try {
        if (current().client.inTransaction) await runner.run('ROLLBACK')
      } finally {
        await lock.rollback()
      }
      throw err
    }
  }
  // A statement outside a transaction must not land inside one that is open on the shared
  // connection (Prisma's or ours, between two of its awaits): it waits for its own turn.
  const outside = <T>(statement: (sql: Sql) => Promise<T>): Promise<T> =>
    current().client.inTransaction ? transaction(statement) : statement(runner)
  return {
    kind: 'sqlite',
    all: (sql, params) => outside(r => r.all(sql, params)),
    run: (sql, params) => outside(r => r.run(sql, params)),
    transaction
  }
}

// ---- PostgreSQL: the pool Prisma's pg adapter uses ----

const PG_TIMESTAMP = 1114
const PG_INT8 = 20

/** Timestamps as text (toDate reads them as UTC, whatever the process's time zone), counts as numbers. */
function typesFor (defaults: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_TIMESTAMP) return (text: string) => text
      if (oid === PG_INT8) return (text: string) => Number(text)
      return defaults.getTypeParser(oid, format)
    }) as pg.CustomTypesConfig['getTypeParser']
  }
}

/** A value as Prisma stores it on PostgreSQL: "timestamp without time zone" holds UTC, the ISO text without its Z. */
export function pgValue (v: SqlValue): string | number | boolean | null {
  return v instanceof Date ? v.toISOString().replace('Z', '') : v
}

function pgRunner (client: Pick<pg.Pool, 'query'>, types: pg.CustomTypesConfig): Sql {
  const query = async (sql: string, params: readonly SqlValue[]) => {
    try {
      return await client.query({ text: numberPlaceholders(sql), values: params.map(pgValue), types })
    } catch (err) { return wrap(err) }
  }
  return {
    kind: 'postgres',
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rows as T[],
    run: async (sql, params = []) => (await query(sql, params)).rowCount ?? 0
  }
}

/** `types` is pg's own registry (pg.types), passed in so that SQLite deployments never load pg. */
export function postgresSql (pool: pg.Pool, defaults: typeof pg.types): SqlDatabase {
  const types = typesFor(defaults)
  return {
    ...pgRunner(pool, types),
    async transaction (work) {
      const client = await pool.connect().catch(wrap)
      const tx = pgRunner(client, types)
      // A connection whose ROLLBACK failed may still be inside the transaction: the pool drops it
      // rather than hand it to the next caller.
      let broken = false
      try {
        await tx.run('BEGIN')
        const result = await work(tx)
        await tx.run('COMMIT')
        return result
      } catch (err) {
        broken = await client.query('ROLLBACK').then(() => false, () => true)
        throw err
      } finally {
        client.release(broken)
      }
    }
  }
}

// ---- Inside a Prisma transaction ----

interface PrismaRaw {
  $queryRawUnsafe: <T>(sql: string, ...values: unknown[]) => Promise<T>
  $executeRawUnsafe: (sql: string, ...values: unknown[]) => Promise<number>
}

/** The same statements inside a transaction Prisma opened (the consultant's changes run in those). */
export function prismaSql (tx: PrismaRaw, kind: DatabaseKind): Sql {
  // Prisma encodes the values itself.
  const text = (sql: string) => kind === 'postgres' ? numberPlaceholders(sql) : sql
  return {
    kind,
    all: <T>(sql: string, params: readonly SqlValue[] = []) => tx.$queryRawUnsafe<T[]>(text(sql), ...params),
    run: (sql, params = []) => tx.$executeRawUnsafe(text(sql), ...params)
  }
}
