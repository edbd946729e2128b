// The decision layer: features → model scores → labels, confidence and evidence. Pure: the model is
// an argument, so evaluation can classify with a model trained on other folds.
import { analyse, CUE_FEATURES, type Analysis, type CueAxis } from './features.ts'
import { fuse, push, scoreFused, type FusedModels } from './linear.ts'
import type { Model } from './model.ts'
import { blend, indexNeighbours, neighbourVector, neighbourVotes, type NeighbourIndex } from './neighbours.ts'
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
const EVIDENCE_LIMIT = 6

// The four models fused into one weight table, and scratch arrays reused call to call.
const MODEL_ORDER = ['spam', 'projectType', 'sector', 'capabilities'] as const
const SPAM = 0
const PROJECT_TYPE = 1
const SECTOR = 2
const CAPABILITIES_MODEL = 3
let scores = new Float64Array(0)

/** A model as classification reads it: the fused weight table and what else a decision needs. */
export interface CompiledModel { version: string, capabilityThreshold: number, fused: FusedModels, neighbours: NeighbourIndex }

/**
 * Fuse a model for scoring. The result holds no reference to the model's parsed weight records, so
 * a model kept for the life of the process can let them go (index.ts).
 */
export function compile (model: Model): CompiledModel {
  return {
    version: model.version,
    capabilityThreshold: model.capabilityThreshold,
    fused: fuse(MODEL_ORDER.map(axis => model[axis])),
    neighbours: indexNeighbours(model.neighbours)
  }
}

// Compiled once per model object: a model trained in cross-validation is compiled once per fold.
const compiledModels = new WeakMap<Model, CompiledModel>()

export function classifyWith (model: Model, input: ClassificationInput): Classification {
  let compiled = compiledModels.get(model)
  if (!compiled) { compiled = compile(model); compiledModels.set(model, compiled) }
  return classifyCompiled(compiled, input)
}

export function classifyCompiled (model: CompiledModel, input: ClassificationInput): Classification {
  const { fused } = model
  const analysis = analyse(input)
  const { features } = analysis
  const { language } = analysis
  if (scores.length < fused.width) scores = new Float64Array(fused.width)
  scoreFused(fused, features.ids, features.values, features.size, features.rows, scores)
  const at = (m: number, k: number): number => scores[fused.offsets[m]! + k]!

  // The model alone may call a short, unusual but genuine request spam (a one-line Arabic request
  // looks like the short Arabic spam it saw). Spam also needs a signal one can point at: a spam cue,
  // a link or keyboard mashing. Without one the lead goes through, as the issue prefers.
  const modelSpamScore = at(SPAM, 0)
  const corroborated = analysis.hits.spam.some(hit => !hit.negated) || analysis.signals.some(([name]) => name === 's:link' || name === 's:gibberish')
  const spamScore = corroborated ? modelSpamScore : Math.min(modelSpamScore, UNCORROBORATED_SPAM_CAP)
  const spam = spamScore >= SPAM_THRESHOLD

  const typeIndex = argmax(scores, fused.offsets[PROJECT_TYPE]!, PROJECT_TYPES.length)
  const sectorIndex = argmax(scores, fused.offsets[SECTOR]!, SECTORS.length)
  // A kind of AI: the linear model's probability blended with the training leads most like this one.
  const votes = neighbourVotes(model.neighbours, neighbourVector(features), CAPABILITIES.length)
  const capabilityScores = CAPABILITIES.map((_, k) => blend(at(CAPABILITIES_MODEL, k), votes.shares[k]!, model.neighbours.weight))

  // The taxonomy labels spam other / other / none: there is no project to describe.
  const projectType: ProjectType = spam ? 'other' : PROJECT_TYPES[typeIndex]!
  const sector: Sector = spam ? 'other' : SECTORS[sectorIndex]!
  const capabilities: Capability[] = spam ? [] : CAPABILITIES.filter((_, k) => capabilityScores[k]! >= model.capabilityThreshold)

  const capabilityEvidence: Partial<Record<Capability, string[]>> = {}
  for (const capability of capabilities) {
    const k = CAPABILITIES.indexOf(capability)
    const alike = votes.counts[k]! > 0 ? [`similar leads: ${votes.counts[k]!}/${model.neighbours.k}`] : []
    capabilityEvidence[capability] = [...explain(fused, analysis, CAPABILITIES_MODEL, k, 'capabilities').slice(0, EVIDENCE_LIMIT - alike.length), ...alike]
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
      projectType: round(spam ? spamScore : at(PROJECT_TYPE, typeIndex)),
      sector: round(spam ? spamScore : at(SECTOR, sectorIndex)),
      // How sure the weakest yes/no decision is: one doubtful kind of AI makes the set doubtful.
      capabilities: round(spam ? spamScore : Math.min(...capabilityScores.map(p => Math.max(p, 1 - p)))),
      language: language.confidence,
      spam: round(Math.max(spamScore, 1 - spamScore))
    },
    evidence: {
      projectType: spam ? [] : explain(fused, analysis, PROJECT_TYPE, typeIndex, 'projectType'),
      sector: spam ? [] : explain(fused, analysis, SECTOR, sectorIndex, 'sector'),
      capabilities: capabilityEvidence,
      language: language.evidence,
      spam: spam ? explain(fused, analysis, SPAM, 0, 'spam') : corroborated || modelSpamScore < SPAM_THRESHOLD ? [] : ['no explicit spam signal: let through']
    },
    classifierVersion: model.version
  }
}

/**
 * The readable features that pushed towards the label, strongest first: words, lexicon cues, the
 * select, the domain, spam signals. Character n-grams are real signal but unreadable as evidence.
 */
function explain (fused: FusedModels, analysis: Analysis, m: number, label: number, axis: CueAxis): string[] {
  const { features } = analysis
  const pushes: Array<[number, number]> = []
  for (let s = 0; s < features.size; s++) {
    const row = features.rows[s]!
    if (row < 0 || features.kindOf(s) === 'char') continue
    const p = push(fused, row, m, label) * features.values[s]!
    if (p > 0) pushes.push([s, p])
  }
  pushes.sort((a, b) => b[1] - a[1])
  const out: string[] = []
  const labelName = fused.models[m]!.labels[label]!
  for (const [slot] of pushes) {
    for (const item of describe(slot, analysis, axis, labelName)) if (!out.includes(item)) out.push(item)
    if (out.length >= EVIDENCE_LIMIT) break
  }
  return out.slice(0, EVIDENCE_LIMIT)
}

function describe (slot: number, analysis: Analysis, axis: CueAxis, labelName: string): string[] {
  const { features, tokens } = analysis
  const origin = features.origins[slot]!
  switch (features.kindOf(slot)) {
    case 'word': return [tokens[origin]!.stem]
    case 'negatedWord': return [`not "${tokens[origin]!.stem}"`]
    case 'bigram': return [`${tokens[origin - 1]!.text} ${tokens[origin]!.text}`]
    case 'select': return analysis.select ? [`select: ${analysis.select}`] : []
    case 'domain': return [`e-mail domain: ${analysis.domainWords[origin]!}`]
    case 'signal': return [`signal: ${analysis.signals[origin]![0].slice(2)}`]
    case 'cue':
    case 'cueInLanguage': {
      const cue = CUE_FEATURES[origin]!
      if (cue.axis !== axis || (cue.label !== labelName && axis !== 'spam')) return []
      return (analysis.hits[axis] as Array<{ label: string, cue: string, negated: boolean }>)
        .filter(hit => !hit.negated && hit.label === cue.label).map(hit => hit.cue)
    }
    default: return [] // negated cues, the free-mail flag: signal, but no evidence for a label
  }
}

function argmax (values: Float64Array, from: number, length: number): number {
  let best = 0
  for (let i = 1; i < length; i++) if (values[from + i]! > values[from + best]!) best = i
  return best
}

function round (v: number): number { return Math.round(v * 1000) / 1000 }
