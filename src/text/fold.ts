// Folding for matching and search: what a person would consider "the same word" maps to one form.

// Arabic letter variants and marks, unified in one pass: alef/hamza forms → ا, alef maqsura → ي,
// ta marbuta → ه, hamza on waw/ya → و/ي; tashkeel and tatweel dropped.
const ARABIC_VARIANTS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u0622\u0623\u0625\u0671\u0649\u0629\u0624\u0626]/g
const ARABIC_REPLACEMENT = new Map([
  ['\u0622', '\u0627'], ['\u0623', '\u0627'], ['\u0625', '\u0627'], ['\u0671', '\u0627'],
  ['\u0649', '\u064A'], ['\u0629', '\u0647'], ['\u0624', '\u0648'], ['\u0626', '\u064A']
])
const ARABIC = /[\u0600-\u06FF]/

/** Unify Arabic letter variants: alef/hamza forms, alef maqsura, ta marbuta; drop tashkeel and tatweel. */
export function normalizeArabic (text: string): string {
  return ARABIC.test(text) ? text.replace(ARABIC_VARIANTS, c => ARABIC_REPLACEMENT.get(c) ?? '') : text
}

// Combining accents dropped after NFKD (é → e), ligatures spelled out (œ → oe), in one pass.
const MARKS_AND_LIGATURES = /[\u0300-\u036fœæß]/g
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' }

// Runs of white space, or one white space character other than the plain space: single spaces,
// by far the most frequent, are left alone (a replace per space costs more than the rest of fold).
const SPACES = /\s{2,}|[^\S ]/g

/** Lower case, accents removed (é → e, œ → oe), Arabic normalised, white space collapsed. */
export function fold (text: string): string {
  const latin = text.normalize('NFKD').toLowerCase().replace(MARKS_AND_LIGATURES, c => LIGATURES[c] ?? '')
  return normalizeArabic(latin).replace(SPACES, ' ').trim()
}
