/**
 * Where a browser goes after a successful plain form post: the requested `redirect` only when it is
 * on the allowlist (an exact origin match) or a path on this service, never anywhere else, so the
 * form cannot be used as an open redirect.
 */
export function thankYouLocation (requested: unknown, fallback: string, allowlist: readonly string[]): string {
  if (typeof requested !== 'string' || requested === '') return fallback
  if (/^\/(?![/\\])/.test(requested) && !/[\s\\]/.test(requested)) return requested
  try {
    const url = new URL(requested)
    if ((url.protocol === 'https:' || url.protocol === 'http:') && allowlist.includes(url.origin)) return url.href
  } catch {}
  return fallback
}
