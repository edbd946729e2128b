// Linear models over sparse features: multinomial logistic regression (softmax, one label of many)
// and independent logistic regressions (sigmoid, zero or more labels). Training is deterministic
// (fixed order from a seeded shuffle, no clock, no Math.random) so the committed artifact can be
// rebuilt bit for bit from the committed data.

export type SparseVector = Map<string, number>
export type Link = 'softmax' | 'sigmoid'

export interface LinearModel {
  link: Link
  labels: string[]
  bias: number[]
  /** Feature → one weight per label. Features absent here weigh nothing. */
  weights: Record<string, number[]>
}

export interface TrainOptions {
  epochs: number
  /** L2 penalty per example step (larger: smaller weights, smoother model). */
  l2: number
  /**
   * L1 penalty, applied by soft-thresholding after each step: pushes weak features to exactly zero,
   * which keeps the committed artifact small and the model from leaning on one-off words.
   */
  l1: number
  learningRate: number
  /** Features seen in fewer training items are dropped: they would only memorise. */
  minDocFrequency: number
  seed: number
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 15, l2: 1e-3, l1: 0, learningRate: 0.5, minDocFrequency: 2, seed: 7 }

// The JSON artifact stores weights as an object; on the hot path they live in a Map (one lookup per
// feature, keys hashed once). Built once per model object.
const weightMaps = new WeakMap<LinearModel, Map<string, number[]>>()
function weightsOf (model: LinearModel): Map<string, number[]> {
  let map = weightMaps.get(model)
  if (!map) { map = new Map(Object.entries(model.weights)); weightMaps.set(model, map) }
  return map
}

/** Scores (probabilities) per label. */
export function predict (model: LinearModel, x: SparseVector): number[] {
  return predictMany([model], x)[0]!
}

/**
 * Scores of several models over the same features, with one lookup per feature rather than one per
 * feature and model: the models share most of their vocabulary.
 */
export function predictMany (models: LinearModel[], x: SparseVector): number[][] {
  const joint = jointWeightsOf(models)
  const z = models.map(model => model.bias.slice())
  for (const [feature, value] of x) {
    const rows = joint.get(feature)
    if (!rows) continue
    for (let m = 0; m < rows.length; m++) {
      const w = rows[m]
      if (!w) continue
      const zm = z[m]!
      for (let k = 0; k < zm.length; k++) zm[k]! += w[k]! * value
    }
  }
  return models.map((model, m) => model.link === 'softmax' ? softmax(z[m]!) : z[m]!.map(sigmoid))
}

const jointMaps = new WeakMap<LinearModel, Map<string, Array<number[] | undefined>>>()
function jointWeightsOf (models: LinearModel[]): Map<string, Array<number[] | undefined>> {
  // Cached on the first model, for this exact list of models.
  const first = models[0]!
  const cached = jointMaps.get(first) as (Map<string, Array<number[] | undefined>> & { models?: LinearModel[] }) | undefined
  if (cached && cached.models?.length === models.length && cached.models.every((m, i) => m === models[i])) return cached
  const joint = new Map<string, Array<number[] | undefined>>() as Map<string, Array<number[] | undefined>> & { models?: LinearModel[] }
  models.forEach((model, m) => {
    for (const [feature, w] of weightsOf(model)) {
      let rows = joint.get(feature)
      if (!rows) { rows = new Array(models.length).fill(undefined); joint.set(feature, rows) }
      rows[m] = w
    }
  })
  joint.models = models
  jointMaps.set(first, joint)
  return joint
}

/**
 * Each feature's push towards a label: value × weight, largest first, positive only. `keep` filters
 * features before any arithmetic (evidence skips the many unreadable character n-grams).
 */
export function contributions (model: LinearModel, x: SparseVector, label: number, keep: (feature: string) => boolean = () => true): Array<[string, number]> {
  const out: Array<[string, number]> = []
  const weights = weightsOf(model)
  for (const [feature, value] of x) {
    if (!keep(feature)) continue
    const w = weights.get(feature)
    if (!w) continue
    // For softmax what decides is the weight relative to the other labels.
    const relative = model.link === 'softmax' ? w[label]! - mean(w) : w[label]!
    const push = relative * value
    if (push > 0) out.push([feature, push])
  }
  return out.sort((a, b) => b[1] - a[1])
}

/**
 * Fit by stochastic gradient descent with AdaGrad step sizes. `targets` holds, per example, one
 * value per label: one-hot for softmax, 0/1 per label for sigmoid.
 */
export function trainLinear (
  inputs: SparseVector[], targets: number[][], labels: string[], link: Link, options: Partial<TrainOptions> = {}
): LinearModel {
  const { epochs, l2, l1, learningRate, minDocFrequency, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options }
  const documentFrequency = new Map<string, number>()
  for (const x of inputs) for (const feature of x.keys()) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1)
  // Index the kept features once, so the inner loops run over typed arrays rather than maps.
  const vocabulary = [...documentFrequency].filter(([, df]) => df >= minDocFrequency).map(([feature]) => feature).sort()
  const index = new Map(vocabulary.map((feature, i) => [feature, i]))
  const rows = inputs.map(x => {
    const ids: number[] = []
    const values: number[] = []
    for (const [feature, value] of x) {
      const id = index.get(feature)
      if (id !== undefined) { ids.push(id); values.push(value) }
    }
    return { ids: Int32Array.from(ids), values: Float64Array.from(values) }
  })
  const L = labels.length
  const weights = new Float64Array(vocabulary.length * L)
  const history = new Float64Array(vocabulary.length * L).fill(1e-8)
  const bias = new Float64Array(L)
  const biasHistory = new Float64Array(L).fill(1e-8)
  const z = new Array<number>(L).fill(0)
  const order = inputs.map((_, i) => i)
  const random = mulberry32(seed)

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random)
    for (const i of order) {
      const { ids, values } = rows[i]!
      const y = targets[i]!
      for (let k = 0; k < L; k++) z[k] = bias[k]!
      for (let j = 0; j < ids.length; j++) {
        const base = ids[j]! * L
        const value = values[j]!
        for (let k = 0; k < L; k++) z[k]! += weights[base + k]! * value
      }
      const p = link === 'softmax' ? softmax(z) : z.map(sigmoid)
      const gradient = p.map((pk, k) => pk - y[k]!)
      for (let k = 0; k < L; k++) {
        biasHistory[k]! += gradient[k]! ** 2
        bias[k]! -= learningRate * gradient[k]! / Math.sqrt(biasHistory[k]!)
      }
      for (let j = 0; j < ids.length; j++) {
        const base = ids[j]! * L
        const value = values[j]!
        for (let k = 0; k < L; k++) {
          const g = gradient[k]! * value + l2 * weights[base + k]!
          history[base + k]! += g * g
          const step = learningRate / Math.sqrt(history[base + k]!)
          const w = weights[base + k]! - step * g
          weights[base + k] = l1 > 0 ? Math.sign(w) * Math.max(0, Math.abs(w) - step * l1) : w
        }
      }
    }
  }
  return {
    link,
    labels,
    bias: Array.from(bias),
    weights: Object.fromEntries(vocabulary.map((feature, i) => [feature, Array.from(weights.subarray(i * L, (i + 1) * L))]))
  }
}

/** A smaller model for committing: weights rounded, near-zero rows dropped. Predictions barely move. */
export function compact (model: LinearModel, threshold = 2e-3, digits = 3): LinearModel {
  const round = (v: number): number => Number(v.toFixed(digits))
  const weights: Record<string, number[]> = {}
  for (const feature of Object.keys(model.weights).sort()) {
    const w = model.weights[feature]!
    if (w.some(v => Math.abs(v) >= threshold)) weights[feature] = w.map(round)
  }
  return { link: model.link, labels: model.labels, bias: model.bias.map(round), weights }
}

function softmax (z: number[]): number[] {
  const max = Math.max(...z)
  const e = z.map(v => Math.exp(v - max))
  const sum = e.reduce((a, b) => a + b, 0)
  return e.map(v => v / sum)
}

function sigmoid (v: number): number { return 1 / (1 + Math.exp(-v)) }
function mean (values: number[]): number { return values.reduce((a, b) => a + b, 0) / values.length }

/** A small seeded PRNG (mulberry32) so that training order is reproducible. */
export function mulberry32 (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffle<T> (items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = items[i]!; items[i] = items[j]!; items[j] = tmp
  }
}
