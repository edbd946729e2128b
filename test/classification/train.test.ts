import t from 'tap'
import { readFileSync } from 'node:fs'
import { parseDataset } from '../../src/classification/dataset.ts'
import { classifyWith, train } from '../../src/classification/index.ts'
import { hashText, idKey } from '../../src/classification/hash.ts'
import { scaleWeights, type LinearModel } from '../../src/classification/linear.ts'

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

t.test('a model trained on scaled words, scaled back, scores the unscaled features as the trained one scored the scaled', async t => {
  const word = hashText('w:chatbot')
  const other = hashText('x:capabilities:conversational')
  const trained: LinearModel = { link: 'sigmoid', labels: ['a', 'b'], bias: [0.1, -0.2], weights: { [idKey(word)]: [0, 0.5, 1, -1], [idKey(other)]: [1, 2] } }
  const back = scaleWeights(trained, new Set([word]), 2)
  t.same(back.weights[idKey(word)], [0, 1, 1, -2], 'the word weights carry the scale')
  t.same(back.weights[idKey(other)], [1, 2], 'other weights unchanged')
  t.same(back.bias, trained.bias)
  t.equal(scaleWeights(trained, new Set([word]), 1), trained, 'scale 1: the model itself')
})

t.test('the capabilities word scale is part of the deterministic recipe', async t => {
  const scaled = train(examples, { capabilityWordScaleGrid: [2] })
  t.equal(JSON.stringify(scaled), JSON.stringify(train(examples, { capabilityWordScaleGrid: [2] })), 'same examples, same model')
  t.not(JSON.stringify(scaled.capabilities), JSON.stringify(train(examples, { capabilityWordScaleGrid: [1] }).capabilities), 'the scale changes the capability weights')
  t.equal(JSON.stringify(scaled.sector), JSON.stringify(train(examples, { capabilityWordScaleGrid: [1] }).sector), 'and no other axis')
})
