// The decision layer: features → model scores → labels, confidence and evidence. Pure: the model is
// an argument, so evaluation can classify with a model trained on other folds.
import { analyse, type Analysis } from './features.ts'
import { detectLanguage } from './language.ts'
import { contributions, predictMany, type LinearModel } from './linear.ts'
import type { Model } from './model.ts'
import { priority } from './score.ts'
import { CAPABILITIES, PROJECT_TYPES, SECTORS, type Capability, type ProjectType, type Sector } from './taxonomy.ts'
import type { Classification, ClassificationInput } from './types.ts'

/**
 * Spam from this probability up. Kept high on purpose: hiding a genuine lead as spam is the worst
 * error this module can make (issue 3), so a doubtful submission goes through.
 */
export const SPAM_THRESHOLD = 0.5
/** The highest spam score a submission with no explicit spam signal can get: below the threshold. */
export const UNCORROBORATED_SPAM_CAP = 0.45
/** A kind of AI is reported from this probability up. */
export const CAPABILITY_THRESHOLD = 0.4
const EVIDENCE_LIMIT = 6

export function classifyWith (model: Model, input: ClassificationInput): Classification {
  const analysis = analyse(input)
  const { vector } = analysis
  const language = detectLanguage(analysis.tokens)

  // The model alone may call a short, unusual but genuine request spam (a one-line Arabic request
  // looks like the short Arabic spam it saw). Spam also needs a signal one can point at: a spam cue,
  // a link or keyboard mashing. Without one the lead goes through, as the issue prefers.
  const [spamScores, typeScores, sectorScores, capabilityScores] =
    predictMany([model.spam, model.projectType, model.sector, model.capabilities], vector) as [number[], number[], number[], number[]]
  const modelSpamScore = spamScores[0]!
  const corroborated = analysis.hits.spam.some(hit => !hit.negated) || vector.has('s:link') || vector.has('s:gibberish')
  const spamScore = corroborated ? modelSpamScore : Math.min(modelSpamScore, UNCORROBORATED_SPAM_CAP)
  const spam = spamScore >= SPAM_THRESHOLD

  const typeIndex = argmax(typeScores)
  const sectorIndex = argmax(sectorScores)

  // The taxonomy labels spam other / other / none: there is no project to describe.
  const projectType: ProjectType = spam ? 'other' : PROJECT_TYPES[typeIndex]!
  const sector: Sector = spam ? 'other' : SECTORS[sectorIndex]!
  const capabilities: Capability[] = spam ? [] : CAPABILITIES.filter((_, k) => capabilityScores[k]! >= CAPABILITY_THRESHOLD)

  const capabilityEvidence: Partial<Record<Capability, string[]>> = {}
  for (const capability of capabilities) {
    capabilityEvidence[capability] = explain(model.capabilities, analysis, CAPABILITIES.indexOf(capability), 'capabilities')
  }
  const { score, reasons } = priority({
    spam, projectType, capabilityCount: capabilities.length, freeMail: analysis.freeMail, details: input.details, tokens: analysis.tokens
  })

  return {
    projectType,
    sector,
    capabilities,
    language: language.language,
    spam,
    spamScore: round(spamScore),
    score,
    scoreReasons: reasons,
    confidence: {
      projectType: round(spam ? spamScore : typeScores[typeIndex]!),
      sector: round(spam ? spamScore : sectorScores[sectorIndex]!),
      // How sure the weakest yes/no decision is: one doubtful kind of AI makes the set doubtful.
      capabilities: round(spam ? spamScore : Math.min(...capabilityScores.map(p => Math.max(p, 1 - p)))),
      language: language.confidence,
      spam: round(Math.max(spamScore, 1 - spamScore))
    },
    evidence: {
      projectType: spam ? [] : explain(model.projectType, analysis, typeIndex, 'projectType'),
      sector: spam ? [] : explain(model.sector, analysis, sectorIndex, 'sector'),
      capabilities: capabilityEvidence,
      language: language.evidence,
      spam: spam ? explain(model.spam, analysis, 0, 'spam') : corroborated || modelSpamScore < SPAM_THRESHOLD ? [] : ['no explicit spam signal: let through']
    },
    classifierVersion: model.version
  }
}

type Axis = keyof Analysis['hits']

/** The readable features that pushed towards the label: words, lexicon cues, the select, the domain. */
function explain (model: LinearModel, analysis: Analysis, label: number, axis: Axis): string[] {
  const out: string[] = []
  const labelName = model.labels[label]!
  for (const [feature] of contributions(model, analysis.vector, label, readable)) {
    const readable = describe(feature, analysis, axis, labelName)
    for (const item of readable) if (!out.includes(item)) out.push(item)
    if (out.length >= EVIDENCE_LIMIT) break
  }
  return out.slice(0, EVIDENCE_LIMIT)
}

// Character n-grams are real signal but unreadable as evidence.
const readable = (feature: string): boolean => !feature.startsWith('c:')

function describe (feature: string, analysis: Analysis, axis: Axis, labelName: string): string[] {
  const [kind, ...rest] = feature.split(':')
  const value = rest.join(':')
  switch (kind) {
    case 'w': return [value]
    case '!w': return [`not "${value}"`]
    case 'b': return [value.replace('_', ' ')]
    case 'sel': return value === 'none' ? [] : [`select: ${value}`]
    case 'd': return [`e-mail domain: ${value}`]
    case 's': return [`signal: ${value}`]
    case 'x': {
      const [cueAxis, cueLabel] = value.split(':')
      if (cueAxis !== axis || (cueLabel !== labelName && axis !== 'spam')) return []
      const hits = analysis.hits[axis] as Array<{ label: string, cue: string, negated: boolean }>
      return hits.filter(hit => !hit.negated && hit.label === cueLabel).map(hit => hit.cue)
    }
    default: return [] // character n-grams and the like: real signal, not readable
  }
}

function argmax (values: number[]): number {
  let best = 0
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i
  return best
}

function round (v: number): number { return Math.round(v * 1000) / 1000 }
