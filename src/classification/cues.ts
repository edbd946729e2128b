// Matching the hand-written cues of lexicon.ts against tokens: cues are tokenized like the text,
// so accents, case, Arabic letter variants and Darija digit spellings never prevent a match.
import { arabicStem, tokenize, type Token } from '../text/tokens.ts'

export interface CueHit<L extends string> {
  label: L
  /** The cue as written in lexicon.ts, for evidence. */
  cue: string
  /** True when a negation governs the matched words ("pas de chatbot"). */
  negated: boolean
}

interface CompiledCue<L extends string> { label: L, cue: string, words: string[], prefix: boolean }

export interface CueMatcher<L extends string> { match: (tokens: Token[]) => Array<CueHit<L>> }

export function compileCues<L extends string> (cues: Partial<Record<L, string[]>>): CueMatcher<L> {
  const byFirstWord = new Map<string, Array<CompiledCue<L>>>()
  const byPrefix = new Map<string, Array<CompiledCue<L>>>()
  const prefixLengths = new Set<number>()
  for (const [label, list] of Object.entries(cues) as Array<[L, string[]]>) {
    for (const cue of list) {
      const prefix = cue.endsWith('*')
      const words = tokenize(cue.replace(/\*$/, '')).map(token => token.text)
      if (words.length === 0) continue
      const first = words[0]!
      const entry = { label, cue: cue.replace(/\*$/, ''), words, prefix }
      // An Arabic cue also answers for its stem, so "الصور" matches "بالصور" and "صور".
      const firstForms = /[\u0600-\u06FF]/.test(first) ? new Set([first, arabicStem(first)]) : [first]
      for (const form of firstForms) {
        const index = prefix && words.length === 1 ? byPrefix : byFirstWord
        if (prefix && words.length === 1) prefixLengths.add(form.length)
        index.set(form, [...(index.get(form) ?? []), entry])
      }
    }
  }

  const lengths = [...prefixLengths].sort((a, b) => a - b)
  function candidates (text: string): Array<CompiledCue<L>> {
    const exact = byFirstWord.get(text)
    const found: Array<CompiledCue<L>> = exact ? exact.slice() : []
    for (const length of lengths) {
      if (length > text.length) break
      const list = byPrefix.get(text.slice(0, length))
      if (list) found.push(...list)
    }
    return found
  }

  return {
    match (tokens) {
      const hits: Array<CueHit<L>> = []
      const seen = new Set<string>()
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!
        const forms = token.script === 'arabic' ? [token.text, arabicStem(token.text)] : [token.text]
        for (const form of forms) {
          for (const cue of candidates(form)) {
            if (!cue.words.every((word, k) => k === 0 || tokens[i + k]?.text === word)) continue
            const key = `${cue.label}\u0000${cue.cue}\u0000${token.negated}`
            if (seen.has(key)) continue
            seen.add(key)
            hits.push({ label: cue.label, cue: cue.cue, negated: token.negated })
          }
        }
      }
      return hits
    }
  }
}
