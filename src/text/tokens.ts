// Word tokens for matching and classification: folded text cut into words, Latin-script Darija
// spelled one way, and words under a negation marked so "pas de chatbot" does not count as a chatbot.
import { fold } from './fold.ts'

export interface Token {
  /** Folded, Darija-normalised form. */
  text: string
  /** `text` without Arabic clitics (arabicStem) for Arabic-script words, else `text` itself. */
  stem: string
  /** True when a negation ("pas de", "no", "sans", "بدون", "machi"...) governs this word. */
  negated: boolean
  /** Script of the word: Arabic letters, Latin letters, or digits/other. */
  script: 'arabic' | 'latin' | 'other'
}

// Latin-script Darija writes Arabic sounds with digits: 3 = ع, 7 = ح, 9 = ق, 2 = ء, 5 = خ, 8 = غ.
// Mapped to the letters people also use for them so "t9der" and "tqder", "3ndi" and "andi" meet.
const DARIJA_DIGITS: Record<string, string> = { 2: 'a', 3: 'a', 5: 'kh', 7: 'h', 8: 'gh', 9: 'q' }
/** A folded Latin word with Darija digits spelled as letters and repeated letters collapsed (typos, "bzaaaf"). */
export function normalizeLatinWord (word: string): string {
  // By hand rather than by regex: this runs on every Latin word of every submission.
  let letters = false
  let darijaDigits = false
  let doubled = false
  let other = false
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    if (c >= 97 && c <= 122) {
      letters = true
      if (c === word.charCodeAt(i - 1)) doubled = true
    } else if (isDarijaDigit(c)) darijaDigits = true
    else if (c < 48 || c > 57) other = true
  }
  // Digits are letters only in a word of Latin letters and digits that has both ("t9der", not "2024").
  const spell = letters && darijaDigits && !other
  if (!spell && !doubled) return word
  let out = ''
  let previous = -1
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    const spelled = spell && isDarijaDigit(c) ? DARIJA_DIGITS[String.fromCharCode(c)]! : String.fromCharCode(c)
    for (let k = 0; k < spelled.length; k++) {
      const code = spelled.charCodeAt(k)
      if (code === previous && code >= 97 && code <= 122) continue
      out += spelled[k]
      previous = code
    }
  }
  return out
}

// 2, 3, 5, 7, 8, 9
function isDarijaDigit (code: number): boolean { return code >= 50 && code <= 57 && code !== 52 && code !== 54 }

// A negation governs the next few words up to a punctuation mark. Kept short: a wider scope
// negates the thing actually asked for ("pas de chatbot mais un outil de prévision").
const NEGATION_SCOPE = 3
const NEGATORS = new Set([
  'pas', 'sans', 'aucun', 'aucune', 'ni', 'jamais', 'plutot', // fr ("plutôt que")
  'no', 'not', 'without', 'instead', 'rather', // en (contractions are rewritten to "not" first)
  'machi', 'mashi', 'bla', 'bila', // ary (Latin)
  'لا', 'ليس', 'بدون', 'دون', 'بلا', 'ماشي', 'بلاش' // ar / ary
])
// "ma ... ch" (Darija): "ma bghitch chatbot" negates what follows the verb.
const DARIJA_NEG_VERB = /^ma[a-z]{2,}ch$|^ما[\u0600-\u06FF]{2,}ش$/
const EN_CONTRACTION = /\b(?:don|doesn|didn|isn|aren|won|can|haven)['’]t\b/g
// Words between a negator and its object that do not use up the scope ("pas DE chatbot", "no NEED FOR a");
// spelled as normalizeLatinWord leaves them ("need" → "ned").
const NEGATION_FILLERS = new Set(['de', 'd', 'du', 'des', 'un', 'une', 'le', 'la', 'les', 'l', 'a', 'an', 'the', 'ned', 'besoin', 'for', 'of', 'que', 'than', 'want', 'any'])

const WORD_CHAR = /^[\p{L}\p{N}]$/u
const BREAKS = new Uint8Array(128)
for (const c of '.!?;:,()\n') BREAKS[c.charCodeAt(0)] = 1

/** Cheap pre-check for DARIJA_NEG_VERB: the word starts with "ma" or "ما". */
function mayBeDarijaNegation (word: string): boolean {
  const first = word.charCodeAt(0)
  const second = word.charCodeAt(1)
  return (first === 109 && second === 97) || (first === 0x0645 && second === 0x0627)
}

// Whether a UTF-16 code unit is part of a word (a letter or a digit), computed once per code unit.
const WORD_UNITS = new Uint8Array(0x10000) // 0: not yet known, 1: word, 2: not
function isWordUnit (code: number): boolean {
  let known = WORD_UNITS[code]!
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2
    WORD_UNITS[code] = known
  }
  return known === 1
}

/** Length of the word character (code point) at `i`, 0 when none: letters beyond the BMP are surrogate pairs. */
function wordCharAt (text: string, i: number): number {
  if (i >= text.length) return 0
  const code = text.charCodeAt(i)
  if (code < 0xd800 || code > 0xdbff) return isWordUnit(code) ? 1 : 0
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!)) ? 2 : 0
}

/** Cut text into folded tokens, marking negated ones. One pass over the folded text, no regex per word. */
export function tokenize (text: string): Token[] {
  const folded = fold(text).replace(EN_CONTRACTION, 'not').replace(/['’`]/g, ' ')
  const tokens: Token[] = []
  let scope = 0
  let i = 0
  while (i < folded.length) {
    const first = wordCharAt(folded, i)
    if (first === 0) {
      // A punctuation mark ends a negation's scope.
      if (BREAKS[folded.charCodeAt(i)] === 1) scope = 0
      i++
      continue
    }
    const start = i
    let arabicLetters = false
    let latinLetters = false
    for (let width = first; width > 0; width = wordCharAt(folded, i)) {
      const code = folded.charCodeAt(i)
      if (code >= 0x0600 && code <= 0x06ff) arabicLetters = true
      else if (code >= 97 && code <= 122) latinLetters = true
      i += width
    }
    const raw = folded.slice(start, i)
    const script = arabicLetters ? 'arabic' : latinLetters ? 'latin' : 'other'
    const word = script === 'latin' ? normalizeLatinWord(raw) : raw
    const previous = tokens[tokens.length - 1]?.text
    if (NEGATORS.has(word) || (mayBeDarijaNegation(word) && DARIJA_NEG_VERB.test(word)) || (previous === 'ma' && word.endsWith('ch'))) {
      tokens.push({ text: word, stem: word, negated: false, script })
      scope = NEGATION_SCOPE
      continue
    }
    const negated = scope > 0
    if (scope > 0 && !NEGATION_FILLERS.has(word)) scope--
    tokens.push({ text: word, stem: script === 'arabic' ? arabicStem(word) : word, negated, script })
  }
  return tokens
}

/** Arabic clitics stripped to reach a stem: the article and the one-letter prefixes (و ب ف ل ك). */
export function arabicStem (word: string): string {
  const first = word.charCodeAt(0)
  const clitic = first === WAW || first === BA || first === FA || first === LAM || first === KAF
  if (word.length > 4 && clitic && first !== LAM && word.charCodeAt(1) === ALEF && word.charCodeAt(2) === LAM) return word.slice(3) // وال بال فال كال
  if (word.length > 4 && first === LAM && word.charCodeAt(1) === LAM) return word.slice(2) // ل + ال, the alef dropped: للترجمة
  if (word.length > 3 && first === ALEF && word.charCodeAt(1) === LAM) return word.slice(2)
  if (word.length > 3 && clitic) return word.slice(1)
  return word
}
const [ALEF, LAM, WAW, BA, FA, KAF] = [...'البوفك'].map(c => c.charCodeAt(0)) as [number, number, number, number, number, number]
