import t from 'tap'
import { readFileSync } from 'node:fs'
import { parseDataset } from '../../src/classification/dataset.ts'
import { classifyWith, train } from '../../src/classification/index.ts'

const items = parseDataset(readFileSync(new URL('../../src/classification/data/leads-dev.jsonl', import.meta.url), 'utf8'), true).slice(0, 80)
const examples = items.map(item => ({ input: item.input, labels: item.labels! }))

t.test('training is deterministic: same examples, same model and version', async t => {
  const a = train(examples)
  const b = train(examples)
  t.equal(JSON.stringify(a), JSON.stringify(b))
  t.match(a.version, /^lr-ngram-lexicon\/\d+\+[0-9a-f]{8}$/)
})

t.test('a correction on one axis teaches that axis without needing the others', async t => {
  const partial = [...examples, { input: { fullName: 'x', email: 'x@y.ma', details: 'Nous voulons un atelier pratique sur ChatGPT' }, labels: { projectType: 'training' as const } }]
  const model = train(partial)
  t.equal(model.trainedOn, 81)
  t.doesNotThrow(() => classifyWith(model, { fullName: 'x', email: 'x@y.ma', details: 'Atelier IA' }))
})
