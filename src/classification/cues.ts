// Matching the hand-written cues of lexicon.ts against tokens: cues are tokenized like the text,
// so accents, case, Arabic letter variants and Darija digit spellings never prevent a match.
// One matcher holds the cues of every axis: one pass over the tokens, one map lookup per word for
// the cues that may start there (exact words, and prefix cues such as "develop*" through a trie).
import { arabicStem, tokenize, type Token } from '../text/tokens.ts'

export interface CueHit<L extends string> {
  label: L
  /** The cue as written in lexicon.ts, for evidence. */
  cue: string
  /** True when a negation governs the matched words ("pas de chatbot"). */
  negated: boolean
}

/** Cue lists per axis, then per label. */
export type CueLexicon = Record<string, Partial<Record<string, string[]>>>

/** Hits per axis of the lexicon, in text order. */
export type CueHits<X extends CueLexicon> = { [A in keyof X]: Array<CueHit<Extract<keyof X[A], string>>> }

interface CompiledCue {
  axis: string
  label: string
  cue: string
  /** Words after the first, matched exactly on the following tokens. */
  rest: string[]
  // Generation stamps: a cue counts once per text and polarity, without a per-call set.
  seenPlain: number
  seenNegated: number
}

const CANDIDATE_MEMORY = 50_000

interface TrieNode { next: Map<number, TrieNode>, cues: CompiledCue[] }

export interface CueMatcher<X extends CueLexicon> {
  /** Hits in `tokens`, for every axis or only `only`. */
  match: (tokens: Token[], only?: keyof X) => CueHits<X>
}

export function compileCues<X extends CueLexicon> (lexicon: X): CueMatcher<X> {
  const byFirstWord = new Map<string, CompiledCue[]>()
  const prefixes: TrieNode = { next: new Map(), cues: [] }
  const axes = Object.keys(lexicon)
  for (const axis of axes) {
    for (const [label, list] of Object.entries(lexicon[axis]!)) {
      for (const cue of list ?? []) {
        const prefix = cue.endsWith('*')
        const words = tokenize(cue.replace(/\*$/, '')).map(token => token.text)
        if (words.length === 0) continue
        const first = words[0]!
        const entry: CompiledCue = { axis, label, cue: cue.replace(/\*$/, ''), rest: words.slice(1), seenPlain: 0, seenNegated: 0 }
        // An Arabic cue also answers for its stem, so "الصور" matches "بالصور" and "صور".
        const firstForms = /[\u0600-\u06FF]/.test(first) ? new Set([first, arabicStem(first)]) : [first]
        for (const form of firstForms) {
          // A trailing * on a one-word cue matches any word starting so; on a phrase, words match exactly.
          if (prefix && words.length === 1) trieAt(prefixes, form).cues.push(entry)
          else byFirstWord.set(form, [...(byFirstWord.get(form) ?? []), entry])
        }
      }
    }
  }

  // The cues that may start at a word (exact first word or prefix, for the word and its stem), per
  // word: computed once and remembered, since leads reuse the same words. Bounded: a flood of new
  // words clears the memory rather than growing it.
  const NONE: CompiledCue[] = []
  const startingAt = new Map<string, CompiledCue[]>()
  function candidates (token: Token): CompiledCue[] {
    let found = startingAt.get(token.text)
    if (found) return found
    const all = new Set<CompiledCue>()
    for (const form of new Set([token.text, token.stem])) {
      for (const cue of byFirstWord.get(form) ?? []) all.add(cue)
      let node: TrieNode | undefined = prefixes
      for (let c = 0; c < form.length && node; c++) {
        node = node.next.get(form.charCodeAt(c))
        for (const cue of node?.cues ?? []) all.add(cue)
      }
    }
    found = all.size === 0 ? NONE : [...all]
    if (startingAt.size >= CANDIDATE_MEMORY) startingAt.clear()
    startingAt.set(token.text, found)
    return found
  }

  let generation = 0
  return {
    match (tokens, only) {
      generation++
      const hits: Record<string, Array<CueHit<string>>> = {}
      for (const axis of axes) hits[axis] = []
      for (let i = 0; i < tokens.length; i++) {
        const negated = tokens[i]!.negated
        for (const cue of candidates(tokens[i]!)) {
          if (only !== undefined && cue.axis !== only) continue
          if (negated ? cue.seenNegated === generation : cue.seenPlain === generation) continue
          let all = true
          for (let k = 0; k < cue.rest.length && all; k++) all = tokens[i + 1 + k]?.text === cue.rest[k]
          if (!all) continue
          if (negated) cue.seenNegated = generation
          else cue.seenPlain = generation
          hits[cue.axis]!.push({ label: cue.label, cue: cue.cue, negated })
        }
      }
      return hits as CueHits<X>
    }
  }
}

function trieAt (root: TrieNode, text: string): TrieNode {
  let node = root
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    let next = node.next.get(code)
    if (!next) { next = { next: new Map(), cues: [] }; node.next.set(code, next) }
    node = next
  }
  return node
}
