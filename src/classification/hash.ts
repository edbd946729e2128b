// 32-bit FNV-1a over UTF-16 code units, usable incrementally: a feature's id is the hash of its name
// ("w:chatbot", "c:^ch"...), and the extractor derives the id of a character n-gram or a bigram by
// continuing a hash rather than building the name, so the hot path allocates no string per feature.

export const FNV_OFFSET = 0x811c9dc5 | 0

/** One step: the hash of the text so far followed by one more code unit. */
export function mix (hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193)
}

/** The hash of `text`, or of whatever `hash` covered followed by `text`. Signed 32-bit. */
export function hashText (text: string, hash = FNV_OFFSET): number {
  let h = hash
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i))
  return h
}

/** A feature id as the artifact writes it: unsigned, base 36 (at most 7 characters). */
export function idKey (id: number): string { return (id >>> 0).toString(36) }
export function keyId (key: string): number { return parseInt(key, 36) | 0 }

/** The bucket of a feature id in an open-addressing table of `mask + 1` buckets (a power of two). */
export function bucketOf (id: number, mask: number): number { return (id ^ (id >>> 15)) & mask }
