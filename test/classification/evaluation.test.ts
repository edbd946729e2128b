// Regression floors on the development set, measured the way the CLI measures them
// (`npm run classify:eval -- src/classification/data/leads-dev.jsonl --cv 5`): 5-fold
// cross-validation, each item classified by a model trained without it (on the other folds and,
// like the committed model, the synthetic leads). The floors sit a little below the measured
// figures (see the note in src/classification/README.md); a real regression fails.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { parseDataset } from '../../src/classification/dataset.ts'
import { crossValidate, evaluate, formatRepeatedReport, repeatedCrossValidation } from '../../src/classification/evaluate.ts'
import { loadModel } from '../../src/classification/index.ts'

// The cross-validation trains five models on about 1 700 leads each, with an inner cross-validation
// per model: about 100 s on an idle core, more beside the other test files; over the suite's 120 s.
t.setTimeout(400_000)

const CV_FLOORS = {
  // measured (classifier lr-ngram-lexicon-knn/10): 0.938, 0.931, 0.984, 0.856, 0.962 (25/26);
  // each floor is about three items under (spam: one item), so a real regression fails. Over 36
  // runs (--repeat 3 from draws 1, 4, 7, 10) the capability figure spans 0.842-0.869: the floors
  // hold for the default run only.
  projectType: 0.928,
  sector: 0.921,
  language: 0.975,
  capabilitiesMicroF1: 0.846,
  spamRecall: 0.92
}

const read = (name: string) => parseDataset(readFileSync(new URL(`../../src/classification/data/${name}`, import.meta.url), 'utf8'), true)
const items = read('leads-dev.jsonl')
const synthetic = read('leads-synthetic.jsonl')

t.test('5-fold cross-validated figures meet the floors', async t => {
  const r = crossValidate(items, 5, {}, 1, synthetic)
  t.ok(r.projectType.accuracy >= CV_FLOORS.projectType, `projectType accuracy ${r.projectType.accuracy} >= ${CV_FLOORS.projectType}`)
  t.ok(r.sector.accuracy >= CV_FLOORS.sector, `sector accuracy ${r.sector.accuracy} >= ${CV_FLOORS.sector}`)
  t.ok(r.language.accuracy >= CV_FLOORS.language, `language accuracy ${r.language.accuracy} >= ${CV_FLOORS.language}`)
  t.ok(r.capabilities.microF1 >= CV_FLOORS.capabilitiesMicroF1, `capabilities micro-F1 ${r.capabilities.microF1} >= ${CV_FLOORS.capabilitiesMicroF1}`)
  t.ok(r.spam.recall >= CV_FLOORS.spamRecall, `spam recall ${r.spam.recall} >= ${CV_FLOORS.spamRecall}`)
  t.same(r.genuineMarkedSpam, [], 'no genuine lead marked spam')
})

t.test('the committed model fits the development set it was trained on', async t => {
  // Not a generalisation figure: it catches a stale or broken artifact.
  const r = evaluate(loadModel(), items)
  t.ok(r.projectType.accuracy >= 0.95, `projectType ${r.projectType.accuracy}`)
  t.ok(r.sector.accuracy >= 0.95, `sector ${r.sector.accuracy}`)
  t.ok(r.capabilities.microF1 >= 0.9, `capabilities ${r.capabilities.microF1}`)
  t.same(r.genuineMarkedSpam, [], 'no genuine lead marked spam')
})

t.test('a repeated cross-validation runs every fold draw with every training seed, the first run being the plain one', async t => {
  const few = items.slice(0, 90)
  const r = repeatedCrossValidation(few, 3, 1, { capabilityL1Grid: [] })
  t.equal(r.runs, 3)
  const plain = crossValidate(few, 3, { capabilityL1Grid: [] })
  for (const [key, value] of Object.entries({ projectType: plain.projectType.accuracy, capabilitiesMicroF1: plain.capabilities.microF1 })) {
    const k = key as keyof typeof r.mean
    t.ok(r.min[k] <= value && value <= r.max[k], `${key}: the plain run ${value} lies within [${r.min[k]}, ${r.max[k]}]`)
    t.ok(r.min[k] <= r.mean[k] && r.mean[k] <= r.max[k], `${key}: the mean lies within min and max`)
  }
  t.match(formatRepeatedReport(r, 'title'), /capabilities micro-F1\s+0\.\d{3}\s+0\.\d{3}\s+0\.\d{3}/, 'the table gives mean, min and max')
  const fourth = crossValidate(few, 3, { capabilityL1Grid: [] }, 4)
  const fromFourth = repeatedCrossValidation(few, 3, 1, { capabilityL1Grid: [] }, [], 4)
  t.ok(fromFourth.min.capabilitiesMicroF1 <= fourth.capabilities.microF1 && fourth.capabilities.microF1 <= fromFourth.max.capabilitiesMicroF1,
    'firstDraw 4: the plain run of fold draw 4 lies within its runs')
  t.notSame(fromFourth, r, 'firstDraw 4 is not fold draw 1 again')
})

t.test('a cross-validation never trains on the items it scores, even when they come again as extras', async t => {
  const few = items.slice(0, 60)
  const settings = { capabilityL1Grid: [], capabilityWordScaleGrid: [], capabilityThresholdGrid: [] }
  t.same(crossValidate(few, 3, settings, 1, few), crossValidate(few, 3, settings), 'the scored items given as extras are dropped')
  t.not(JSON.stringify(crossValidate(few, 3, settings, 1, items.slice(60, 120))), JSON.stringify(crossValidate(few, 3, settings)), 'other extras are trained on')
})
