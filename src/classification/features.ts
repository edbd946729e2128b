// From a submission to the sparse features the linear models read, plus the cue hits that serve as
// evidence. A feature is identified by the 32-bit hash of its name (hash.ts); the names, by kind:
//   w:word  !w:negated-word  b:word_word  c:char-n-gram  d:domain-word  x:axis:label (lexicon cue)
//   !x:axis:label (negated cue)  xl:label:language (a capability cue in the text's language)
//   lang:code (the text's language)  s:signal  sel:code (the form's select)  mail:free
// The ids of n-grams and bigrams are computed from the characters, never by building the name, and
// the features land in a buffer reused from call to call: classify() allocates no object per n-gram.
import { tokenize, type Token } from '../text/tokens.ts'
import { compileCues, type CueHits } from './cues.ts'
import { detectLanguage, type LanguageDecision } from './language.ts'
import { bucketOf, hashText, mix } from './hash.ts'
import { neighbourVector } from './neighbours.ts'
import { CAPABILITY_CUES, PROJECT_TYPE_CUES, SECTOR_CUES, SPAM_CUES } from './lexicon.ts'
import { LANGUAGES, PROJECT_TYPES, projectTypeFromSelect, type Language, type ProjectType } from './taxonomy.ts'
import type { ClassificationInput } from './types.ts'

const LEXICON = {
  projectType: PROJECT_TYPE_CUES,
  sector: SECTOR_CUES,
  capabilities: CAPABILITY_CUES,
  spam: { spam: SPAM_CUES }
}
const cues = compileCues(LEXICON)
export type Hits = CueHits<typeof LEXICON>
export type CueAxis = keyof Hits

// Mailboxes anyone can open: a lead from one of these says nothing about the company.
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.fr', 'outlook.com', 'outlook.fr', 'live.com', 'live.fr', 'yahoo.com', 'yahoo.fr',
  'icloud.com', 'me.com', 'aol.com', 'gmx.com', 'gmx.fr', 'mail.ru', 'yandex.com', 'proton.me', 'protonmail.com', 'menara.ma', 'orange.fr',
  'free.fr', 'laposte.net', 'sfr.fr', 'wanadoo.fr', 'mail.com'
])

// Relative weight of each feature group after each is scaled to unit length: words and cues carry
// meaning, character n-grams catch typos, inflections and unseen spellings.
const GROUP_WEIGHT = { words: 1, bigrams: 0.5, chars: 0.8, domain: 0.5 }
// One size of character n-gram: 4-grams cross-validate as well as 3- to 5-grams together (README)
// with a third of the features, and every feature costs a table probe on the hot path.
const CHAR_NGRAM = 4

/** What produced a feature; evidence reads the readable kinds, ablations leave kinds out. */
export const FEATURE_KINDS = ['word', 'negatedWord', 'bigram', 'char', 'domain', 'cue', 'negatedCue', 'cueInLanguage', 'language', 'signal', 'select', 'mail'] as const
export type FeatureKind = typeof FEATURE_KINDS[number]
const KIND = Object.fromEntries(FEATURE_KINDS.map((kind, i) => [kind, i])) as Record<FeatureKind, number>

const PREFIX = { word: hashText('w:'), negatedWord: hashText('!w:'), bigram: hashText('b:'), char: hashText('c:'), domain: hashText('d:') }
const UNDERSCORE = '_'.charCodeAt(0)
const START = '^'.charCodeAt(0)
const END = '$'.charCodeAt(0)

/** The lexicon's labels as features `x:axis:label` and `!x:axis:label`: `origin` of a cue feature indexes this. */
export const CUE_FEATURES: ReadonlyArray<{ axis: CueAxis, label: string, id: number, negatedId: number }> =
  (Object.keys(LEXICON) as CueAxis[]).flatMap(axis => Object.keys(LEXICON[axis]).map(label =>
    ({ axis, label, id: hashText(`x:${axis}:${label}`), negatedId: hashText(`!x:${axis}:${label}`) })))
/** `xl:label:language` per language, for each capability cue feature (same index as CUE_FEATURES). */
const CUE_IN_LANGUAGE_IDS: ReadonlyArray<Record<Language, number> | undefined> = CUE_FEATURES.map(feature => feature.axis !== 'capabilities'
  ? undefined
  : Object.fromEntries(LANGUAGES.map(language => [language, hashText(`xl:${feature.label}:${language}`)])) as Record<Language, number>)
const CUE_INDEX = new Map(CUE_FEATURES.map((feature, i) => [`${feature.axis}:${feature.label}`, i]))
const LANGUAGE_IDS = Object.fromEntries(LANGUAGES.map(language => [language, hashText(`lang:${language}`)])) as Record<Language, number>
const SELECT_IDS = new Map<string, number>([...PROJECT_TYPES, 'none'].map(code => [code, hashText(`sel:${code}`)]))
const MAIL_FREE = hashText('mail:free')

/**
 * Features of one submission: parallel typed arrays, duplicates merged. `origin` says where a
 * readable feature came from (token index for words and bigrams, index into `domainWords`,
 * `signals` or CUE_FEATURES), -1 otherwise. `row` is filled by the scorer.
 */
export class FeatureBuffer {
  size = 0
  ids = new Int32Array(512)
  values = new Float64Array(512)
  kinds = new Uint8Array(512)
  origins = new Int32Array(512)
  rows = new Int32Array(512)
  // Open addressing, id → slot + 1; a bucket belongs to the current text when its stamp is `generation`.
  private buckets = new Int32Array(2048)
  private stamps = new Uint32Array(2048)
  private generation = 1

  reset (): void {
    this.size = 0
    if (++this.generation === 0xffffffff) { this.stamps.fill(0); this.generation = 1 }
  }

  /** Add `amount` to feature `id`, creating it with this kind and origin if new. */
  add (kind: number, id: number, amount: number, origin: number): void {
    const mask = this.buckets.length - 1
    let b = bucketOf(id, mask)
    while (this.stamps[b] === this.generation) {
      const slot = this.buckets[b]! - 1
      if (this.ids[slot] === id) { this.values[slot]! += amount; return }
      b = (b + 1) & mask
    }
    if (this.size === this.ids.length) this.growSlots()
    const slot = this.size++
    this.ids[slot] = id
    this.values[slot] = amount
    this.kinds[slot] = kind
    this.origins[slot] = origin
    this.stamps[b] = this.generation
    this.buckets[b] = slot + 1
    if (this.size * 2 > this.buckets.length) this.growBuckets()
  }

  /** Scale the features added since `from` to length `weight`. */
  normalise (from: number, weight: number): void {
    let norm = 0
    for (let s = from; s < this.size; s++) norm += this.values[s]! * this.values[s]!
    if (norm === 0) return
    const scale = weight / Math.sqrt(norm)
    for (let s = from; s < this.size; s++) this.values[s]! *= scale
  }

  /** A copy as a map id → value, without the given kinds: what training reads. */
  toMap (exclude: readonly FeatureKind[] = []): Map<number, number> {
    const skip = new Set(exclude.map(kind => KIND[kind]))
    const map = new Map<number, number>()
    for (let s = 0; s < this.size; s++) if (!skip.has(this.kinds[s]!)) map.set(this.ids[s]!, this.values[s]!)
    return map
  }

  kindOf (slot: number): FeatureKind { return FEATURE_KINDS[this.kinds[slot]!]! }

  private growSlots (): void {
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2)
      b.set(a)
      return b
    }
    this.ids = grow(this.ids); this.values = grow(this.values); this.kinds = grow(this.kinds)
    this.origins = grow(this.origins); this.rows = grow(this.rows)
  }

  private growBuckets (): void {
    this.buckets = new Int32Array(this.buckets.length * 2)
    this.stamps = new Uint32Array(this.buckets.length)
    this.generation = 1
    const mask = this.buckets.length - 1
    for (let slot = 0; slot < this.size; slot++) {
      const id = this.ids[slot]!
      let b = bucketOf(id, mask)
      while (this.stamps[b] === 1) b = (b + 1) & mask
      this.stamps[b] = 1
      this.buckets[b] = slot + 1
    }
  }
}

export interface Analysis {
  tokens: Token[]
  /** The features. Shared: valid until the next analyse() call. */
  features: FeatureBuffer
  hits: Hits
  /** The main language of the details (language.ts); the capability cues are also read per language. */
  language: LanguageDecision
  /** Structural spam signals present (`s:link`…) with their values. */
  signals: Array<[string, number]>
  /** Words of a company e-mail domain, without the top-level domain. */
  domainWords: string[]
  select: ProjectType | undefined
  emailDomain: string
  freeMail: boolean
}

const buffer = new FeatureBuffer()
const cueCounts = new Int32Array(CUE_FEATURES.length * 2)

export function analyse (input: ClassificationInput): Analysis {
  const tokens = tokenize(input.company ? `${input.details}\n${input.company}` : input.details)
  const f = buffer
  f.reset()

  let from = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.negated) f.add(KIND.negatedWord, hashText(token.stem, PREFIX.negatedWord), 1, i)
    else f.add(KIND.word, hashText(token.stem, PREFIX.word), 1, i)
  }
  f.normalise(from, GROUP_WEIGHT.words)

  from = f.size
  for (let i = 1; i < tokens.length; i++) {
    const previous = tokens[i - 1]!
    const token = tokens[i]!
    if (!token.negated && !previous.negated) f.add(KIND.bigram, hashText(token.text, mix(hashText(previous.text, PREFIX.bigram), UNDERSCORE)), 1, i)
  }
  f.normalise(from, GROUP_WEIGHT.bigrams)

  from = f.size
  for (const token of tokens) if (!token.negated && token.script !== 'other') addCharNgrams(f, token.stem)
  f.normalise(from, GROUP_WEIGHT.chars)

  const emailDomain = (input.email.split('@')[1] ?? '').trim().toLowerCase()
  const freeMail = FREE_MAIL_DOMAINS.has(emailDomain)
  const domainTokens = freeMail ? [] : tokenize(emailDomain.replace(/[.\-_]/g, ' '))
  // The top-level domain (.ma, .com) says nothing about the company.
  const domainWords = (/\.[a-z]+$/.test(emailDomain) ? domainTokens.slice(0, -1) : domainTokens).map(token => token.text)
  from = f.size
  domainWords.forEach((word, i) => f.add(KIND.domain, hashText(word, PREFIX.domain), 1, i))
  f.normalise(from, GROUP_WEIGHT.domain)

  const hits = cues.match(tokens)
  // A company domain can name the sector ("clinique-atlas.ma").
  if (domainTokens.length > 0) hits.sector.push(...cues.match(domainTokens, 'sector').sector)
  const language = detectLanguage(tokens)
  addCueFeatures(f, hits, language.language)
  f.add(KIND.language, LANGUAGE_IDS[language.language], 1, -1)

  const signals = spamSignals(input.details, tokens)
  signals.forEach(([name, value], i) => f.add(KIND.signal, hashText(name), value, i))
  const select = projectTypeFromSelect(input.projectType)
  f.add(KIND.select, SELECT_IDS.get(select ?? 'none')!, 1, -1)
  if (freeMail) f.add(KIND.mail, MAIL_FREE, 1, -1)
  return { tokens, features: f, hits, language, signals, domainWords, select, emailDomain, freeMail }
}

/** What training reads of one submission, from one analysis (training reweighs some groups: model.ts). */
export interface TrainingFeatures {
  /** The models' features, without the excluded kinds. */
  vector: Map<number, number>
  /** The ids of the features of `kinds`, the kinds training reweighs. */
  idsOfKinds: number[]
  /** The features neighbours compare, at unit length (neighbours.ts). */
  neighbour: Map<number, number>
}

export function trainingFeatures (input: ClassificationInput, exclude: readonly FeatureKind[] = [], kinds: readonly FeatureKind[] = []): TrainingFeatures {
  const { features } = analyse(input)
  const wanted = new Set(kinds.map(kind => KIND[kind]))
  const idsOfKinds: number[] = []
  for (let s = 0; s < features.size; s++) if (wanted.has(features.kinds[s]!)) idsOfKinds.push(features.ids[s]!)
  return { vector: features.toMap(exclude), idsOfKinds, neighbour: neighbourVector(features) }
}

// Several cues for one label add up, but with diminishing returns: log2(1 + count). A capability
// cue also counts once as "this kind of AI, asked in this language" (with `lang:` beside it, a
// per-language baseline): how often a cue's label is kept may differ between French, English,
// Arabic and Darija requests. Measured in the README, fifth round.
function addCueFeatures (f: FeatureBuffer, hits: Hits, language: Language): void {
  cueCounts.fill(0)
  for (const axis of Object.keys(hits) as CueAxis[]) {
    for (const hit of hits[axis]) cueCounts[2 * CUE_INDEX.get(`${axis}:${hit.label}`)! + (hit.negated ? 1 : 0)]!++
  }
  for (let c = 0; c < CUE_FEATURES.length; c++) {
    const plain = cueCounts[2 * c]!
    const negated = cueCounts[2 * c + 1]!
    if (plain > 0) {
      f.add(KIND.cue, CUE_FEATURES[c]!.id, Math.log2(1 + plain), c)
      const inLanguage = CUE_IN_LANGUAGE_IDS[c]
      if (inLanguage) f.add(KIND.cueInLanguage, inLanguage[language], 1, c)
    }
    if (negated > 0) f.add(KIND.negatedCue, CUE_FEATURES[c]!.negatedId, Math.log2(1 + negated), c)
  }
}

/** Character 4-grams of `^word$`, hashed as "c:" + the n-gram. */
function addCharNgrams (f: FeatureBuffer, word: string): void {
  const length = word.length + 2
  for (let i = 0; i + CHAR_NGRAM <= length; i++) {
    let h = PREFIX.char
    for (let j = i; j < i + CHAR_NGRAM; j++) h = mix(h, j === 0 ? START : j === length - 1 ? END : word.charCodeAt(j - 1))
    f.add(KIND.char, h, 1, -1)
  }
}

// Shapes of junk that no word list catches: links, keyboard mashing, shouting, a near-empty message.
const LINK = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|xyz|top|online|bet|club|shop|info|io|me|ly)\/\S*|\bt\.me\/|bit\.ly/gi
const EMOJI = /\p{Extended_Pictographic}/gu
const EXCLAMATIONS = /!{2,}/
const SHOUTING = /\b[A-Z]{5,}\b/

/** Structural spam signals as features `s:…`, valued 0..1-ish. */
export function spamSignals (details: string, tokens: Token[]): Array<[string, number]> {
  const signals: Array<[string, number]> = []
  const links = details.match(LINK)?.length ?? 0
  if (links > 0) signals.push(['s:link', Math.min(1, links / 2)])
  // Mashing is looked for in Latin words but counted against the words of every script: a few
  // brand names with consonant runs ("ChatGPT") in an Arabic request do not make it gibberish.
  let words = 0
  let mashed = 0
  for (const token of tokens) {
    if (token.text.length < 3) continue
    words++
    if (token.script === 'latin' && (hasConsonantRun(token.text) || startsWithRepeatedChunk(token.text))) mashed++
  }
  if (words > 0 && mashed / words >= 0.3) signals.push(['s:gibberish', 1])
  if (tokens.length <= 4) signals.push(['s:tiny', 1])
  if (EXCLAMATIONS.test(details)) signals.push(['s:exclamations', 1])
  const emojis = details.match(EMOJI)?.length ?? 0
  if (emojis >= 3) signals.push(['s:emojis', 1])
  if (SHOUTING.test(details)) signals.push(['s:shouting', 1])
  return signals
}

// Keyboard mashing, checked by hand (these run on every Latin word): four consonants in a row
// ("qsdfgh"), or a chunk of 2 to 4 letters repeated at least three times from the start ("azazaz").
const CONSONANTS = new Uint8Array(128)
for (const c of 'bcdfghjklmnpqrstvwxz') CONSONANTS[c.charCodeAt(0)] = 1

function hasConsonantRun (word: string): boolean {
  let run = 0
  for (let i = 0; i < word.length; i++) {
    run = CONSONANTS[word.charCodeAt(i)] === 1 ? run + 1 : 0
    if (run >= 4) return true
  }
  return false
}

function startsWithRepeatedChunk (word: string): boolean {
  for (let size = 2; size <= 4; size++) {
    let repeats = 1
    while ((repeats + 1) * size <= word.length && word.startsWith(word.slice(0, size), repeats * size)) repeats++
    if (repeats >= 3) return true
  }
  return false
}
