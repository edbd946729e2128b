import t from 'tap'
import { readFileSync } from 'node:fs'
import { parseDataset } from '../../src/classification/dataset.ts'
import { classifyWith, train } from '../../src/classification/index.ts'
import { CAPABILITY_THRESHOLD, CLASSIFIER_RECIPE, DEFAULT_TRAIN_SETTINGS } from '../../src/classification/model.ts'
import { classifyCompiled, compile } from '../../src/classification/classify.ts'
import { hashText, idKey } from '../../src/classification/hash.ts'
import { scaleWeights, type LinearModel } from '../../src/classification/linear.ts'

const items = parseDataset(readFileSync(new URL('../../src/classification/data/leads-dev.jsonl', import.meta.url), 'utf8'), true).slice(0, 80)
const examples = items.map(item => ({ input: item.input, labels: item.labels! }))

t.test('training is deterministic: same examples, same model and version', async t => {
  const a = train(examples)
  const b = train(examples)
  t.equal(JSON.stringify(a), JSON.stringify(b))
  t.equal(a.version.slice(0, -9), CLASSIFIER_RECIPE, 'the recipe…')
  t.match(a.version.slice(-9), /^\+[0-9a-f]{8}$/, '…and a fingerprint of the weights')
})

t.test('the neighbours: each genuine training lead stored with the model; weight 0 stores none', async t => {
  const model = train(examples)
  t.equal(model.neighbours.leads.length, examples.filter(e => e.labels.spam !== true).length)
  t.equal(model.neighbours.k, DEFAULT_TRAIN_SETTINGS.neighbours.k)
  t.equal(model.neighbours.weight, DEFAULT_TRAIN_SETTINGS.neighbours.weight)
  const alone = train(examples, { neighbours: { ...DEFAULT_TRAIN_SETTINGS.neighbours, weight: 0 } })
  t.same(alone.neighbours.leads, [])
  const chatbot = { fullName: 'x', email: 'x@y.ma', details: 'Nous voulons un chatbot pour répondre à nos clients sur WhatsApp' }
  t.notOk(classifyWith(alone, chatbot).evidence.capabilities.conversational?.some(item => item.startsWith('similar leads')), 'no vote, no such evidence')
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

t.test('the capability threshold is chosen in training, stored with the model and used by classify', async t => {
  const chosen = train(examples, { capabilityThresholdGrid: [0.3, 0.5] })
  t.ok([0.3, 0.5].includes(chosen.capabilityThreshold), `chosen from the grid: ${chosen.capabilityThreshold}`)
  t.equal(JSON.stringify(chosen), JSON.stringify(train(examples, { capabilityThresholdGrid: [0.3, 0.5] })), 'deterministic')

  // One candidate of each: no inner cross-validation, so the weights are the same and only the threshold differs.
  const fixed = { capabilityL1Grid: [], capabilityWordScaleGrid: [] }
  const low = train(examples, { ...fixed, capabilityThresholdGrid: [0.1] })
  const high = train(examples, { ...fixed, capabilityThresholdGrid: [0.9] })
  t.equal(low.capabilityThreshold, 0.1)
  t.equal(high.capabilityThreshold, 0.9)
  t.equal(JSON.stringify(low.capabilities), JSON.stringify(high.capabilities), 'same weights')
  t.not(low.version, high.version, 'the version tells the two apart')
  const reported = (model: typeof low): number => items.reduce((n, item) => n + classifyWith(model, item.input).capabilities.length, 0)
  t.ok(reported(low) > reported(high), `a lower threshold reports more kinds of AI: ${reported(low)} > ${reported(high)}`)

  t.equal(train(examples.slice(0, 8)).capabilityThreshold, CAPABILITY_THRESHOLD, 'too few examples to choose: the default')
})

t.test('a compiled model classifies as its model does, and keeps none of its weight records', async t => {
  const model = train(examples)
  const compiled = compile(model)
  t.same(compiled.fused.models.map(m => Object.keys(m).sort()), [0, 1, 2, 3].map(() => ['labels', 'link']), 'labels and link only, no weights object')
  t.equal(compiled.version, model.version)
  for (const item of items.slice(0, 20)) t.same(classifyCompiled(compiled, item.input), classifyWith(model, item.input), item.id)
})
