import { createHash, createHmac } from 'node:crypto'
import { fold } from '../text/fold.ts'

/**
 * A stable, privacy-preserving stand-in for the client's IP: HMAC-SHA256 with a server secret, so
 * the same client can be recognised (floods, duplicates) without the address ever being stored.
 */
export function ipFingerprint (ip: string, secret: string): string {
  return createHmac('sha256', secret).update(ip).digest('hex').slice(0, 32)
}

/** Two submissions with the same address and the same request (ignoring case, accents and spacing). */
export function dedupeKey (email: string, details: string): string {
  return createHash('sha256').update(email.toLowerCase()).update('\0').update(fold(details)).digest('hex')
}

/** A hash of a request body for Idempotency-Key comparisons; key order does not matter. */
export function requestHash (value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex')
}

function stableStringify (v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`
  return `{${Object.keys(v).sort().map(k => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`).join(',')}}`
}
