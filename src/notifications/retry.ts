// When and whether to try a failed delivery again. Pure, with the randomness passed in.

export interface RetryPolicy { maxAttempts: number, baseDelaySeconds: number, maxDelaySeconds: number }

/**
 * Exponential backoff with ±20 % jitter, so jobs that failed together do not retry together:
 * base × 2^(attempt-1), capped. The defaults (7 min base, 16 h cap, 10 attempts) spread the
 * budget over about 48 hours, like an MTA's queue lifetime.
 */
export function retryDelaySeconds (attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** (attempt - 1))
  return Math.min(policy.maxDelaySeconds, Math.round(exponential * (0.8 + 0.4 * random())))
}

interface SendError { code?: unknown, responseCode?: unknown, message?: unknown }

/** A short, stable code for an error (smtp_550, ECONNREFUSED…): what timeline events and alerts show. */
export function errorCode (err: unknown): string {
  const e = (err ?? {}) as SendError
  if (typeof e.responseCode === 'number') return `smtp_${e.responseCode}`
  if (typeof e.code === 'string' && /^[A-Za-z_]{1,40}$/.test(e.code)) return e.code
  return 'error'
}

/**
 * Permanent: the server refused the message or recipient for good (5xx, RFC 5321 §4.2.1), or the
 * job itself cannot be rendered or addressed. Everything else (refused connections, timeouts,
 * 4xx) may pass later. A refused login (EAUTH) is a configuration problem, not this message's:
 * it is retried, so fixing SMTP_URL delivers the backlog.
 */
export function isPermanent (err: unknown): boolean {
  const e = (err ?? {}) as SendError
  if (e.code === 'EAUTH') return false
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600
  return e.code === 'invalid_address' || e.code === 'invalid_job'
}
