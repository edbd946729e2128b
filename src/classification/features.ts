// From a submission to the sparse features the linear models read, plus the cue hits that serve as
// evidence. Feature names are prefixed by kind so a weight can be traced back to what produced it:
//   w:word  !w:negated-word  b:word_word  c:char-n-gram  x:axis:label (lexicon cue)  !x:… (negated cue)
//   sel:code (the form's select)  d:domain-word  mail:free
import { arabicStem, tokenize, type Token } from '../text/tokens.ts'
import { compileCues, type CueHit } from './cues.ts'
import { CAPABILITY_CUES, PROJECT_TYPE_CUES, SECTOR_CUES, SPAM_CUES } from './lexicon.ts'
import { projectTypeFromSelect, type Capability, type ProjectType, type Sector } from './taxonomy.ts'
import type { ClassificationInput } from './types.ts'
import type { SparseVector } from './linear.ts'

const projectTypeCues = compileCues<ProjectType>(PROJECT_TYPE_CUES)
const sectorCues = compileCues<Exclude<Sector, 'other'>>(SECTOR_CUES)
const capabilityCues = compileCues<Capability>(CAPABILITY_CUES)
const spamCues = compileCues<'spam'>({ spam: SPAM_CUES })

// Mailboxes anyone can open: a lead from one of these says nothing about the company.
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.fr', 'outlook.com', 'outlook.fr', 'live.com', 'live.fr', 'yahoo.com', 'yahoo.fr',
  'icloud.com', 'me.com', 'aol.com', 'gmx.com', 'gmx.fr', 'mail.ru', 'yandex.com', 'proton.me', 'protonmail.com', 'menara.ma', 'orange.fr',
  'free.fr', 'laposte.net', 'sfr.fr', 'wanadoo.fr', 'mail.com'
])

// Relative weight of each feature group after each is scaled to unit length: words and cues carry
// meaning, character n-grams catch typos, inflections and unseen spellings.
const GROUP_WEIGHT = { words: 1, bigrams: 0.5, chars: 0.8, domain: 0.5 }
const CHAR_NGRAMS = [3, 4, 5]

export interface Analysis {
  tokens: Token[]
  vector: SparseVector
  hits: {
    projectType: Array<CueHit<ProjectType>>
    sector: Array<CueHit<Exclude<Sector, 'other'>>>
    capabilities: Array<CueHit<Capability>>
    spam: Array<CueHit<'spam'>>
  }
  select: ProjectType | undefined
  emailDomain: string
  freeMail: boolean
}

export function analyse (input: ClassificationInput): Analysis {
  const text = [input.details, input.company ?? ''].join('\n')
  const tokens = tokenize(text)
  const vector: SparseVector = new Map()
  const words = new Map<string, number>()
  const bigrams = new Map<string, number>()
  const chars = new Map<string, number>()
  let previous: Token | undefined
  for (const token of tokens) {
    const form = token.script === 'arabic' ? arabicStem(token.text) : token.text
    increment(words, `${token.negated ? '!' : ''}w:${form}`)
    if (!token.negated) {
      if (previous && !previous.negated) increment(bigrams, `b:${previous.text}_${token.text}`)
      if (token.script !== 'other') addCharNgrams(chars, form)
    }
    previous = token
  }
  const emailDomain = (input.email.split('@')[1] ?? '').trim().toLowerCase()
  const freeMail = FREE_MAIL_DOMAINS.has(emailDomain)
  const domain = new Map<string, number>()
  if (!freeMail) for (const part of tokenize(emailDomain.replace(/\.[a-z]+$/, '').replace(/[.\-_]/g, ' '))) increment(domain, `d:${part.text}`)
  addNormalised(vector, words, GROUP_WEIGHT.words)
  addNormalised(vector, bigrams, GROUP_WEIGHT.bigrams)
  addNormalised(vector, chars, GROUP_WEIGHT.chars)
  addNormalised(vector, domain, GROUP_WEIGHT.domain)

  const domainTokens = tokenize(emailDomain.replace(/[.\-_]/g, ' '))
  const hits = {
    projectType: projectTypeCues.match(tokens),
    sector: [...sectorCues.match(tokens), ...(freeMail ? [] : sectorCues.match(domainTokens))],
    capabilities: capabilityCues.match(tokens),
    spam: spamCues.match(tokens)
  }
  for (const [axis, list] of Object.entries(hits)) {
    const counts = new Map<string, number>()
    for (const hit of list) increment(counts, `${hit.negated ? '!' : ''}x:${axis}:${hit.label}`)
    // Several cues for one label add up, but with diminishing returns.
    for (const [feature, count] of counts) vector.set(feature, Math.log2(1 + count))
  }
  for (const [feature, value] of spamSignals(input.details, tokens)) vector.set(feature, value)
  const select = projectTypeFromSelect(input.projectType)
  vector.set(`sel:${select ?? 'none'}`, 1)
  if (freeMail) vector.set('mail:free', 1)
  return { tokens, vector, hits, select, emailDomain, freeMail }
}

// Shapes of junk that no word list catches: links, keyboard mashing, shouting, a near-empty message.
const LINK = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|xyz|top|online|bet|club|shop|info|io|me|ly)\/\S*|\bt\.me\/|bit\.ly/gi
const CONSONANT_RUN = /[bcdfghjklmnpqrstvwxz]{4,}/
const REPEATED_CHUNK = /^(.{2,4})\1{2,}/
const EMOJI = /\p{Extended_Pictographic}/gu

/** Structural spam signals as features `s:…`, valued 0..1-ish. */
export function spamSignals (details: string, tokens: Token[]): Array<[string, number]> {
  const signals: Array<[string, number]> = []
  const links = details.match(LINK)?.length ?? 0
  if (links > 0) signals.push(['s:link', Math.min(1, links / 2)])
  const latinWords = tokens.filter(token => token.script === 'latin' && token.text.length >= 3)
  const mashed = latinWords.filter(token => CONSONANT_RUN.test(token.text) || REPEATED_CHUNK.test(token.text)).length
  if (latinWords.length > 0 && mashed / latinWords.length >= 0.3) signals.push(['s:gibberish', 1])
  if (tokens.length <= 4) signals.push(['s:tiny', 1])
  if (/!{2,}/.test(details)) signals.push(['s:exclamations', 1])
  const emojis = details.match(EMOJI)?.length ?? 0
  if (emojis >= 3) signals.push(['s:emojis', 1])
  const shouted = details.match(/\b[A-Z]{5,}\b/g)?.length ?? 0
  if (shouted > 0) signals.push(['s:shouting', 1])
  return signals
}

function increment (map: Map<string, number>, key: string): void { map.set(key, (map.get(key) ?? 0) + 1) }

function addCharNgrams (map: Map<string, number>, word: string): void {
  const padded = `^${word}$`
  for (const n of CHAR_NGRAMS) {
    for (let i = 0; i + n <= padded.length; i++) increment(map, `c:${padded.slice(i, i + n)}`)
  }
}

function addNormalised (vector: SparseVector, group: Map<string, number>, weight: number): void {
  let norm = 0
  for (const value of group.values()) norm += value * value
  if (norm === 0) return
  const scale = weight / Math.sqrt(norm)
  for (const [feature, value] of group) vector.set(feature, value * scale)
}
