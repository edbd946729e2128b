// The synthetic leads (src/classification/data/SYNTHETIC.md) are training data only: they must
// parse, carry their own ids, and none may be a near copy of a development lead, or the
// cross-validated figures on the development set would score items the model has as good as seen.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { parseDataset } from '../../src/classification/dataset.ts'

const read = (name: string) => parseDataset(readFileSync(new URL(`../../src/classification/data/${name}`, import.meta.url), 'utf8'), true)
const dev = read('leads-dev.jsonl')
const synthetic = read('leads-synthetic.jsonl')

/** Character 5-grams of the lower-cased text, spaces collapsed, by code point. */
function shingles (text: string): Set<string> {
  const chars = Array.from(text.toLowerCase().replace(/\s+/g, ' '))
  const out = new Set<string>()
  for (let i = 0; i + 5 <= chars.length; i++) out.add(chars.slice(i, i + 5).join(''))
  return out
}

function jaccard (a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const s of a) if (b.has(s)) shared++
  return shared / Math.max(1, a.size + b.size - shared)
}

t.test('every synthetic lead is labelled, with an id of its own', async t => {
  t.ok(synthetic.length >= 900, `${synthetic.length} items`)
  const ids = new Set(synthetic.map(item => item.id))
  t.equal(ids.size, synthetic.length, 'ids unique')
  t.notOk(dev.some(item => ids.has(item.id)), 'no id shared with the development set')
  for (const language of ['fr', 'en', 'ar', 'ary']) t.ok(synthetic.some(item => item.labels!.language === language), `some in ${language}`)
  t.ok(synthetic.every(item => !item.labels!.spam || (item.labels!.projectType === 'other' && item.labels!.sector === 'other' && item.labels!.capabilities.length === 0)), 'spam labelled other / other / none, as the taxonomy says')
})

t.test('no synthetic lead is closer to a development lead than two development leads are to each other', async t => {
  const devShingles = dev.map(item => shingles(item.input.details))
  let devMax = 0
  devShingles.forEach((a, i) => devShingles.forEach((b, j) => { if (i < j) devMax = Math.max(devMax, jaccard(a, b)) }))
  let closest = { similarity: 0, id: '' }
  for (const item of synthetic) {
    const s = shingles(item.input.details)
    for (const d of devShingles) {
      const similarity = jaccard(s, d)
      if (similarity > closest.similarity) closest = { similarity, id: item.id }
    }
  }
  t.ok(closest.similarity < devMax, `closest synthetic lead ${closest.id}: ${closest.similarity.toFixed(3)} < ${devMax.toFixed(3)} between development leads`)
})
