// Folding for matching and search: what a person would consider "the same word" maps to one form.

const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g
const TATWEEL = /\u0640/g

/** Unify Arabic letter variants: alef/hamza forms, alef maqsura, ta marbuta; drop tashkeel and tatweel. */
export function normalizeArabic (text: string): string {
  return text
    .replace(ARABIC_DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u0624]/g, '\u0648')
    .replace(/[\u0626]/g, '\u064A')
}

const ARABIC = /[\u0600-\u06FF]/
const LIGATURES = /[œæß]/

/** Lower case, accents removed (é → e, œ → oe), Arabic normalised, white space collapsed. */
export function fold (text: string): string {
  let folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  // Each pass below only when it has something to do: fold runs on every submission.
  if (LIGATURES.test(folded)) folded = folded.replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss')
  if (ARABIC.test(folded)) folded = normalizeArabic(folded)
  return folded.replace(/\s+/g, ' ').trim()
}
