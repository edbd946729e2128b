import { InvalidCursorError } from './errors.ts'
import type { SortField } from './schemas.ts'

// Keyset pagination: the cursor is the (sort value, id) of the last row served, so rows inserted
// between two calls never shift a page (no lead lost or repeated), unlike an offset.

export interface Keyset {
  sort: SortField
  order: 'asc' | 'desc'
  /** createdAt as epoch ms, or the score (null sorts last). */
  value: number | null
  id: string
}

export function encodeCursor (k: Keyset): string {
  return Buffer.from(JSON.stringify([k.sort, k.order, k.value, k.id]), 'utf8').toString('base64url')
}

/** The keyset a cursor names; throws InvalidCursorError if it is damaged or made for another sort. */
export function decodeCursor (cursor: string, sort: SortField, order: 'asc' | 'desc'): Keyset {
  let parsed: unknown
  try { parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) } catch { throw new InvalidCursorError() }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw new InvalidCursorError()
  const [s, o, value, id] = parsed as unknown[]
  const valueOk = value === null ? sort === 'score' : typeof value === 'number' && Number.isFinite(value)
  if (s !== sort || o !== order || !valueOk || typeof id !== 'string' || id.length === 0) throw new InvalidCursorError()
  return { sort, order, value: value as number | null, id }
}
