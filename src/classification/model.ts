// The trained part of the classifier: one linear model per learned axis over the features of
// features.ts (words, character n-grams, lexicon cues, the select). `train` is pure and
// deterministic: the same examples give the same model, byte for byte.
import { CAPABILITY_THRESHOLD } from './classify.ts'
import { featureVector, type FeatureKind } from './features.ts'
import { hashText, idKey } from './hash.ts'
import { compact, mulberry32, shuffle, trainLinear, type LinearModel, type SparseVector, type TrainOptions } from './linear.ts'
import { CAPABILITIES, PROJECT_TYPES, SECTORS } from './taxonomy.ts'
import type { TrainingExample } from './types.ts'

/** Bumped when features, rules or the training recipe change; the model hash follows the data. */
export const CLASSIFIER_RECIPE = 'lr-ngram-lexicon/4'

export interface Model {
  /** `CLASSIFIER_RECIPE+hash`: which code and which weights produced a classification. */
  version: string
  trainedOn: number
  projectType: LinearModel
  sector: LinearModel
  capabilities: LinearModel
  spam: LinearModel
}

type LearnedAxis = 'projectType' | 'sector' | 'capabilities' | 'spam'

export interface TrainSettings {
  /** Options for every axis, then per-axis overrides. */
  linear: Partial<TrainOptions>
  axes: Partial<Record<LearnedAxis, Partial<TrainOptions>>>
  /** Drop rounded weights below this size in the committed artifact. */
  compactThreshold: number
  /** Feature kinds left out (e.g. "char" or "cue"): for ablations in evaluation. */
  excludeFeatures: FeatureKind[]
  /**
   * L1 penalties tried for the capabilities model, the one with the best micro-F1 in an inner 3-fold
   * cross-validation over the training examples kept (empty: the axis setting as is).
   */
  capabilityL1Grid: number[]
}

// Chosen by 5-fold cross-validation on the development set (figures in README.md). L1 keeps the
// models sparse (better CV, a smaller artifact, fewer rows to probe): on the spam model it costs no
// spam item since spam also needs an explicit signal (classify.ts), and shrinks it from 255 KB to 7 KB.
export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  linear: {},
  axes: { projectType: { l1: 0.003 }, sector: { l1: 0.01 }, capabilities: { l1: 0.01 }, spam: { l1: 0.003 } },
  compactThreshold: 0.01,
  excludeFeatures: [],
  capabilityL1Grid: [0.003, 0.01, 0.03]
}

const INNER_FOLDS = 3

export function train (examples: TrainingExample[], settings: Partial<TrainSettings> = {}): Model {
  const { linear, axes, compactThreshold, excludeFeatures, capabilityL1Grid } = { ...DEFAULT_TRAIN_SETTINGS, ...settings, axes: { ...DEFAULT_TRAIN_SETTINGS.axes, ...settings.axes } }
  const vectors = examples.map(example => featureVector(example.input, excludeFeatures))
  const fit = (
    axis: LearnedAxis, labels: readonly string[], link: 'softmax' | 'sigmoid', target: (example: TrainingExample) => number[] | undefined
  ): LinearModel => {
    const inputs: SparseVector[] = []
    const targets: number[][] = []
    examples.forEach((example, i) => {
      const y = target(example)
      if (y) { inputs.push(vectors[i]!); targets.push(y) }
    })
    const options = { ...linear, ...axes[axis] }
    if (axis === 'capabilities' && capabilityL1Grid.length > 0) options.l1 = innerBestL1(inputs, targets, capabilityL1Grid, options)
    return compact(trainLinear(inputs, targets, [...labels], link, options), compactThreshold)
  }
  const oneHot = (labels: readonly string[], value: string | undefined): number[] | undefined =>
    value === undefined || !labels.includes(value) ? undefined : labels.map(label => label === value ? 1 : 0)
  // Spam items carry placeholder labels (other, other, none) for the other axes: they would only
  // teach the models that junk looks like "other", which the spam decision already handles.
  const genuine = (example: TrainingExample): boolean => example.labels.spam !== true

  const model = {
    projectType: fit('projectType', PROJECT_TYPES, 'softmax', e => genuine(e) ? oneHot(PROJECT_TYPES, e.labels.projectType) : undefined),
    sector: fit('sector', SECTORS, 'softmax', e => genuine(e) ? oneHot(SECTORS, e.labels.sector) : undefined),
    capabilities: fit('capabilities', CAPABILITIES, 'sigmoid', e =>
      genuine(e) && e.labels.capabilities ? CAPABILITIES.map(c => e.labels.capabilities!.includes(c) ? 1 : 0) : undefined),
    spam: fit('spam', ['spam'], 'sigmoid', e => e.labels.spam === undefined ? undefined : [e.labels.spam ? 1 : 0])
  }
  // A short stable fingerprint of the weights, not a security hash.
  const fingerprint = (hashText(JSON.stringify(model)) >>> 0).toString(16).padStart(8, '0')
  return { version: `${CLASSIFIER_RECIPE}+${fingerprint}`, trainedOn: examples.length, ...model }
}

/**
 * The L1 penalty of `grid` whose sigmoid model has the best micro-F1 (threshold CAPABILITY_THRESHOLD)
 * on out-of-fold predictions of an inner k-fold over these examples only: chosen by a fixed rule
 * on the training data, never on the items an outer evaluation scores. Ties keep the earlier value.
 */
function innerBestL1 (inputs: SparseVector[], targets: number[][], grid: number[], options: Partial<TrainOptions>): number {
  if (inputs.length < INNER_FOLDS * 4) return options.l1 ?? grid[0]!
  const order = inputs.map((_, i) => i)
  shuffle(order, mulberry32(11))
  let best = grid[0]!
  let bestF1 = -1
  for (const l1 of grid) {
    let tp = 0; let fp = 0; let fn = 0
    for (let f = 0; f < INNER_FOLDS; f++) {
      const kept = order.filter((_, r) => r % INNER_FOLDS !== f)
      const model = trainLinear(kept.map(i => inputs[i]!), kept.map(i => targets[i]!), [...CAPABILITIES], 'sigmoid', { ...options, l1 })
      order.forEach((i, r) => {
        if (r % INNER_FOLDS !== f) return
        sigmoidScores(model, inputs[i]!).forEach((p, k) => {
          const predicted = p >= CAPABILITY_THRESHOLD
          const truth = targets[i]![k] === 1
          if (predicted && truth) tp++; else if (predicted) fp++; else if (truth) fn++
        })
      })
    }
    const f1 = tp === 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
    if (f1 > bestF1) { best = l1; bestF1 = f1 }
  }
  return best
}

function sigmoidScores (model: LinearModel, x: SparseVector): number[] {
  const z = model.bias.slice()
  for (const [feature, value] of x) {
    const pairs = model.weights[idKey(feature)]
    if (!pairs) continue
    for (let p = 0; p < pairs.length; p += 2) z[pairs[p]!]! += pairs[p + 1]! * value
  }
  return z.map(v => 1 / (1 + Math.exp(-v)))
}
