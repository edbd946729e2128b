// A second opinion on the kinds of AI: the training leads most like this one, and the kinds their
// annotators gave them. The linear model weighs features one at a time; neighbours see a request
// whole, so a convention that lives in a combination of words carries over from the leads labelled
// so. Blended with the linear model's probabilities (classify.ts); measured in README.md, sixth round.
import type { FeatureBuffer, FeatureKind } from './features.ts'
import { idKey, keyId } from './hash.ts'

/**
 * Neighbours compare words, cues, the language, the select, the domain and the spam signals.
 * Bigrams changed nothing measurable (README.md, sixth round) and, like character n-grams, would
 * multiply the stored leads.
 */
const NEIGHBOUR_EXCLUDED: readonly FeatureKind[] = ['char', 'bigram']

export interface NeighbourSettings {
  /** How many of the most similar leads vote. */
  k: number
  /** The votes' share of a kind of AI's score; the linear model's probability has the rest. */
  weight: number
  /**
   * A stored lead keeps only the features found in at least this many training leads: the others
   * cannot make two training leads alike, and dropping them shrinks the stored leads by a seventh.
   */
  minDocumentFrequency: number
}

/** The training leads as the artifact stores them. */
export interface NeighbourBase {
  k: number
  weight: number
  /** Feature ids (base 36), referred to by index in `leads`. */
  features: string[]
  /** Per training lead: [label bits, feature index, value × 1000, feature index, value × 1000, …]. */
  leads: number[][]
}

/**
 * The base as scoring reads it: an inverted index from feature id to the leads that have it, in
 * three flat arrays (feature f's leads and values sit at starts[f]..starts[f + 1]).
 */
export interface NeighbourIndex {
  k: number
  weight: number
  labelBits: Int32Array
  rowOf: Map<number, number>
  starts: Int32Array
  leads: Int32Array
  values: Float64Array
}

const VALUE_SCALE = 1000

/** What neighbours compare of a submission: the features of the compared kinds, at unit length (cosine). */
export function neighbourVector (features: FeatureBuffer): Map<number, number> {
  const vector = features.toMap(NEIGHBOUR_EXCLUDED)
  let norm = 0
  for (const value of vector.values()) norm += value * value
  const scale = norm === 0 ? 1 : 1 / Math.sqrt(norm)
  for (const [id, value] of vector) vector.set(id, value * scale)
  return vector
}

/** The base of `vectors` (unit vectors) with their 0/1 targets over up to 31 labels. */
export function buildNeighbourBase (vectors: Array<Map<number, number>>, targets: number[][], settings: NeighbourSettings): NeighbourBase {
  const frequency = new Map<number, number>()
  for (const vector of vectors) for (const id of vector.keys()) frequency.set(id, (frequency.get(id) ?? 0) + 1)
  const index = new Map<number, number>()
  const features: string[] = []
  const leads = vectors.map((vector, i) => {
    const row = [targets[i]!.reduce((bits, y, label) => y === 1 ? bits | (1 << label) : bits, 0)]
    for (const [id, value] of [...vector].sort((a, b) => a[0] - b[0])) {
      const stored = Math.round(value * VALUE_SCALE)
      // Every stored value is positive: a lead's similarity is zero until a feature matches (neighbourVotes).
      if (stored <= 0 || frequency.get(id)! < settings.minDocumentFrequency) continue
      let f = index.get(id)
      if (f === undefined) { f = features.length; index.set(id, f); features.push(idKey(id)) }
      row.push(f, stored)
    }
    return row
  })
  return { k: settings.k, weight: settings.weight, features, leads }
}

export function indexNeighbours (base: NeighbourBase): NeighbourIndex {
  const features = base.features.length
  const starts = new Int32Array(features + 1)
  for (const row of base.leads) for (let p = 1; p < row.length; p += 2) starts[row[p]! + 1]!++
  for (let f = 0; f < features; f++) starts[f + 1]! += starts[f]!
  const filled = starts.slice(0, features)
  const leads = new Int32Array(starts[features]!)
  const values = new Float64Array(starts[features]!)
  base.leads.forEach((row, lead) => {
    for (let p = 1; p < row.length; p += 2) {
      const at = filled[row[p]!]!++
      leads[at] = lead
      values[at] = row[p + 1]! / VALUE_SCALE
    }
  })
  return {
    k: base.k,
    weight: base.weight,
    labelBits: Int32Array.from(base.leads, row => row[0]!),
    rowOf: new Map(base.features.map((key, f) => [keyId(key), f])),
    starts,
    leads,
    values
  }
}

/** A kind of AI's score: the linear model's probability and the neighbours' vote, weighted. */
export function blend (probability: number, vote: number, weight: number): number {
  return (1 - weight) * probability + weight * vote
}

/** Per label: the similarity-weighted share of the k nearest leads that have it, and how many of them do. */
export interface Votes { shares: Float64Array, counts: Int32Array }

// Scratch, reused call to call: similarity per lead, and the leads this query touched, in order.
let similarity = new Float64Array(0)
let touched = new Int32Array(0)

export function neighbourVotes (index: NeighbourIndex, vector: Map<number, number>, labels: number): Votes {
  const leads = index.labelBits.length
  if (similarity.length < leads) { similarity = new Float64Array(leads); touched = new Int32Array(leads) }
  const sim = similarity
  const seen = touched
  let count = 0
  const { starts, leads: ids, values } = index
  for (const [id, value] of vector) {
    const f = index.rowOf.get(id)
    if (f === undefined) continue
    for (let p = starts[f]!, end = starts[f + 1]!; p < end; p++) {
      const lead = ids[p]!
      if (sim[lead] === 0) seen[count++] = lead
      sim[lead]! += value * values[p]!
    }
  }
  // The k best by insertion: k is small. Ties keep the earlier lead, so results are deterministic.
  const best: number[] = []
  for (let t = 0; t < count; t++) {
    const lead = seen[t]!
    const s = sim[lead]!
    if (best.length === index.k && s <= sim[best[index.k - 1]!]!) continue
    let at = Math.min(best.length, index.k - 1)
    while (at > 0 && (sim[best[at - 1]!]! < s || (sim[best[at - 1]!]! === s && best[at - 1]! > lead))) at--
    best.splice(at, 0, lead)
    if (best.length > index.k) best.pop()
  }
  const shares = new Float64Array(labels)
  const counts = new Int32Array(labels)
  let total = 0
  for (const lead of best) {
    const w = sim[lead]!
    total += w
    const bits = index.labelBits[lead]!
    for (let label = 0; label < labels; label++) if (bits & (1 << label)) { shares[label]! += w; counts[label]!++ }
  }
  if (total > 0) for (let label = 0; label < labels; label++) shares[label]! /= total
  for (let t = 0; t < count; t++) sim[seen[t]!] = 0
  return { shares, counts }
}
