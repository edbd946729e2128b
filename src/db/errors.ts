import { SqlError } from './sql.ts'

/** The driver and Prisma raise these when the database cannot do what was asked. */
export function isDatabaseError (err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name
  return typeof name === 'string' && (name.startsWith('PrismaClient') || name === 'DriverAdapterError' || name === 'SqlError')
}

/** A unique constraint refused the write (Prisma P2002), as when a concurrent twin won the race. */
export function isUniqueViolation (err: unknown): boolean {
  if (err instanceof SqlError) return err.uniqueViolation
  const e = err as { code?: unknown, cause?: { kind?: unknown } } | null
  return e?.code === 'P2002' || e?.cause?.kind === 'UniqueConstraintViolation'
}
