// The neighbours' vote on the kinds of AI: the k most similar training leads, weighted by cosine
// similarity, through the stored form the artifact keeps.
import t from 'tap'
import { blend, buildNeighbourBase, indexNeighbours, neighbourVotes, type NeighbourSettings } from '../../src/classification/neighbours.ts'

const unit = (entries: Array<[number, number]>): Map<number, number> => {
  const norm = Math.sqrt(entries.reduce((sum, [, v]) => sum + v * v, 0))
  return new Map(entries.map(([id, v]) => [id, v / norm]))
}
const settings: NeighbourSettings = { k: 2, weight: 0.4, minDocumentFrequency: 1 }

// Features 1-3 are "vision" words, 7-9 "data" words, 5 is shared by everyone.
const leads = [
  unit([[1, 1], [2, 1], [5, 1]]),
  unit([[1, 1], [3, 1], [5, 1]]),
  unit([[7, 1], [8, 1], [5, 1]]),
  unit([[7, 1], [9, 1], [5, 1]])
]
const targets = [[1, 0], [1, 1], [0, 1], [0, 1]]

t.test('the k nearest leads vote, weighted by their similarity', async t => {
  const index = indexNeighbours(buildNeighbourBase(leads, targets, settings))
  const { shares, counts } = neighbourVotes(index, unit([[1, 1], [2, 1]]), 2)
  t.same([...counts], [2, 1], 'both nearest are vision leads; one of them also data')
  // Similarities: lead 0 = 2/√6, lead 1 = 1/√6; data is lead 1's share of their sum.
  t.ok(Math.abs(shares[0]! - 1) < 1e-3, 'vision: all of the vote')
  t.ok(Math.abs(shares[1]! - 1 / 3) < 1e-3, `data: a third of it (${shares[1]})`)
  const again = neighbourVotes(index, unit([[7, 1], [9, 1]]), 2)
  t.same([...again.counts], [0, 2], 'scratch state from the previous call does not leak into the next')
})

t.test('a request like no training lead gets no vote', async t => {
  const index = indexNeighbours(buildNeighbourBase(leads, targets, settings))
  const { shares, counts } = neighbourVotes(index, unit([[42, 1]]), 2)
  t.same([...shares], [0, 0])
  t.same([...counts], [0, 0])
})

t.test('the stored base: label bits, features by index, values to three decimals, rare features dropped', async t => {
  const base = buildNeighbourBase(leads, targets, { ...settings, minDocumentFrequency: 2 })
  t.same(base.leads.map(row => row[0]), [1, 3, 2, 2], 'label bits')
  const stored = new Set(base.leads.flatMap(row => row.slice(1).filter((_, i) => i % 2 === 0)).map(i => base.features[i]))
  t.same([...stored].sort(), ['1', '5', '7'], 'features of a single lead are not stored')
  t.ok(base.leads.every(row => row.slice(2).filter((_, i) => i % 2 === 0).every(v => Number.isInteger(v) && v > 0 && v <= 1000)))
  t.same(JSON.parse(JSON.stringify(base)), base, 'plain JSON')
})

t.test('the blend gives the vote its weight', async t => {
  t.equal(blend(0.5, 1, 0.4), 0.7)
  t.equal(blend(0.5, 1, 0), 0.5, 'weight 0: the linear model alone')
})
