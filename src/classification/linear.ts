// Linear models over sparse features: multinomial logistic regression (softmax, one label of many)
// and independent logistic regressions (sigmoid, zero or more labels). Training is deterministic
// (fixed order from a seeded shuffle, no clock, no Math.random) so the committed artifact can be
// rebuilt bit for bit from the committed data.
import { bucketOf, idKey, keyId } from './hash.ts'

/** Feature id (hash.ts) → value. */
export type SparseVector = Map<number, number>
export type Link = 'softmax' | 'sigmoid'

export interface LinearModel {
  link: Link
  labels: string[]
  bias: number[]
  /**
   * Feature id (hash.ts idKey) → its non-zero weights as pairs, flat: [label index, weight, label
   * index, weight…]. Sparse because L1 leaves most labels of a feature at zero (a smaller artifact);
   * features absent here weigh nothing.
   */
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

/**
 * Several linear models fused for scoring: one probe of an open-addressing table per feature gives
 * the weights of every label of every model, as a row of a flat Float32Array. Built once per list
 * of models (at load for the committed model), never per call.
 */
export interface FusedModels {
  /** What scoring needs of each model besides its weights, which live in `weights` only. */
  models: Array<Pick<LinearModel, 'link' | 'labels'>>
  /** Index of each model's first output in a row. */
  offsets: number[]
  /** Outputs per row: the labels of all models. */
  width: number
  bias: Float64Array
  /** Open addressing, two slots per bucket side by side (one cache line): feature id, row + 1 (0: empty). */
  table: Int32Array
  weights: Float32Array
}

export function fuse (models: LinearModel[]): FusedModels {
  const offsets: number[] = []
  let width = 0
  for (const model of models) { offsets.push(width); width += model.labels.length }
  const rowOfId = new Map<number, number>()
  for (const model of models) for (const key of Object.keys(model.weights)) if (!rowOfId.has(keyId(key))) rowOfId.set(keyId(key), rowOfId.size)
  const weights = new Float32Array(rowOfId.size * width)
  models.forEach((model, m) => {
    for (const [key, pairs] of Object.entries(model.weights)) {
      const base = rowOfId.get(keyId(key))! * width + offsets[m]!
      for (let p = 0; p < pairs.length; p += 2) weights[base + pairs[p]!] = pairs[p + 1]!
    }
  })
  let buckets = 16
  while (buckets < rowOfId.size * 2) buckets *= 2
  const table = new Int32Array(buckets * 2)
  for (const [id, row] of rowOfId) {
    let b = bucketOf(id, buckets - 1)
    while (table[2 * b + 1] !== 0) b = (b + 1) & (buckets - 1)
    table[2 * b] = id
    table[2 * b + 1] = row + 1
  }
  return { models: models.map(({ link, labels }) => ({ link, labels })), offsets, width, bias: Float64Array.from(models.flatMap(model => model.bias)), table, weights }
}

/** The weight row of a feature, or -1 when no model weighs it. */
export function rowOf (fused: FusedModels, id: number): number {
  const { table } = fused
  const mask = (table.length >> 1) - 1
  let b = bucketOf(id, mask)
  for (;;) {
    const row = table[2 * b + 1]!
    if (row === 0) return -1
    if (table[2 * b] === id) return row - 1
    b = (b + 1) & mask
  }
}

/**
 * Probabilities of every label of every model, in `out` (length `width`): softmax per softmax model,
 * sigmoid per label otherwise. `rows[s]` receives the weight row of feature s (-1: unweighted), for
 * evidence.
 */
export function scoreFused (fused: FusedModels, ids: Int32Array, values: Float64Array, size: number, rows: Int32Array, out: Float64Array): void {
  const { width, weights } = fused
  out.set(fused.bias)
  for (let s = 0; s < size; s++) {
    const row = rowOf(fused, ids[s]!)
    rows[s] = row
    if (row < 0) continue
    const value = values[s]!
    const base = row * width
    for (let k = 0; k < width; k++) out[k]! += weights[base + k]! * value
  }
  fused.models.forEach((model, m) => {
    const from = fused.offsets[m]!
    const to = from + model.labels.length
    if (model.link === 'sigmoid') {
      for (let k = from; k < to; k++) out[k] = sigmoid(out[k]!)
      return
    }
    let max = -Infinity
    for (let k = from; k < to; k++) max = Math.max(max, out[k]!)
    let sum = 0
    for (let k = from; k < to; k++) { out[k] = Math.exp(out[k]! - max); sum += out[k]! }
    for (let k = from; k < to; k++) out[k]! /= sum
  })
}

/**
 * The push of a feature's weight row towards `label` of model `m`: the weight itself for a sigmoid
 * model, the weight relative to the model's other labels for softmax (that is what decides).
 */
export function push (fused: FusedModels, row: number, m: number, label: number): number {
  const model = fused.models[m]!
  const base = row * fused.width + fused.offsets[m]!
  const w = fused.weights[base + label]!
  if (model.link === 'sigmoid') return w
  let sum = 0
  for (let k = 0; k < model.labels.length; k++) sum += fused.weights[base + k]!
  return w - sum / model.labels.length
}

/**
 * Fit by stochastic gradient descent with AdaGrad step sizes. `targets` holds, per example, one
 * value per label: one-hot for softmax, 0/1 per label for sigmoid.
 */
export function trainLinear (
  inputs: SparseVector[], targets: number[][], labels: string[], link: Link, options: Partial<TrainOptions> = {}
): LinearModel {
  const { epochs, l2, l1, learningRate, minDocFrequency, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options }
  const documentFrequency = new Map<number, number>()
  for (const x of inputs) for (const feature of x.keys()) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1)
  // Index the kept features once, so the inner loops run over typed arrays rather than maps.
  const vocabulary = [...documentFrequency].filter(([, df]) => df >= minDocFrequency).map(([feature]) => feature).sort((a, b) => a - b)
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
    weights: Object.fromEntries(vocabulary.flatMap((feature, i) => {
      const pairs = Array.from(weights.subarray(i * L, (i + 1) * L)).flatMap((w, k) => w === 0 ? [] : [k, w])
      return pairs.length === 0 ? [] : [[idKey(feature), pairs]]
    }))
  }
}

/**
 * The model that reads unscaled features as `model` read them multiplied by `factor` on `ids`: a
 * model trained on reweighted features, brought back to the features classify() computes.
 */
export function scaleWeights (model: LinearModel, ids: Set<number>, factor: number): LinearModel {
  if (factor === 1) return model
  const weights: Record<string, number[]> = {}
  for (const [feature, pairs] of Object.entries(model.weights)) {
    weights[feature] = ids.has(keyId(feature)) ? pairs.map((v, p) => p % 2 === 1 ? v * factor : v) : pairs
  }
  return { ...model, weights }
}

/** A smaller model for committing: weights rounded, near-zero weights dropped. Predictions barely move. */
export function compact (model: LinearModel, threshold = 2e-3, digits = 3): LinearModel {
  const round = (v: number): number => Number(v.toFixed(digits))
  const weights: Record<string, number[]> = {}
  for (const feature of Object.keys(model.weights).sort()) {
    const pairs = model.weights[feature]!
    const kept: number[] = []
    for (let p = 0; p < pairs.length; p += 2) if (Math.abs(pairs[p + 1]!) >= threshold) kept.push(pairs[p]!, round(pairs[p + 1]!))
    if (kept.length > 0) weights[feature] = kept
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
