// npm run classify:eval -- FILE.jsonl [--model MODEL.json | --cv K [--repeat N [--first-draw D]]] [--train-extra FILE ... | --no-train-extra] [--json]
//   without --cv: the committed model, or the --model artifact (classify:train --out), scored against
//                 the file's labels (on the development set this measures fit, not generalisation:
//                 the committed model was trained on those items);
//   with --cv K:  k-fold cross-validation on the file, each item classified by a model trained
//                 without it: the figures to trust for unseen submissions. Like the committed model,
//                 each fold's model also trains on the synthetic leads (data/SYNTHETIC.md), or on
//                 the --train-extra files, or on nothing more with --no-train-extra; never on the
//                 file's own items (dropped from the extras by id);
//   with --repeat N: the k-fold cross-validation over N fold draws × 3 training seeds, mean, min and
//                 max per axis: what to compare recipes on (one run moves by about ±0.01);
//   with --first-draw D: the fold draws from D on (default 1), to confirm on draws that were not
//                 used to choose between recipes.
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
// Not through index.ts, which loads the committed model for classify(): the --model path loads its own.
import { loadModel, MODEL_FILE, ModelFormatError } from '../artifact.ts'
import { benchmarkClassify } from '../benchmark.ts'
import { classifyWith } from '../classify.ts'
import type { Model } from '../model.ts'
import { crossValidate, evaluate, formatRepeatedReport, formatReport, repeatedCrossValidation, trainingOnly } from '../evaluate.ts'
import { readDataset, run, SYNTHETIC_SET, UsageError } from './io.ts'

const USAGE = 'usage: npm run classify:eval -- FILE.jsonl [--model MODEL.json | --cv K [--repeat N [--first-draw D]]] [--train-extra FILE ... | --no-train-extra] [--json] [--no-matrices]'

await run('classify:eval', USAGE, () => {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        cv: { type: 'string' },
        repeat: { type: 'string' },
        'first-draw': { type: 'string' },
        'train-extra': { type: 'string', multiple: true },
        'no-train-extra': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'no-matrices': { type: 'boolean', default: false }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  const k = values.cv === undefined ? undefined : Number(values.cv)
  if (k !== undefined && (!Number.isInteger(k) || k < 2)) throw new UsageError(`--cv must be an integer of at least 2, got "${values.cv}"`)
  const repeat = values.repeat === undefined ? undefined : Number(values.repeat)
  if (repeat !== undefined && (k === undefined || !Number.isInteger(repeat) || repeat < 1)) throw new UsageError(`--repeat needs --cv and a positive integer, got "${values.repeat}"`)
  const firstDraw = values['first-draw'] === undefined ? 1 : Number(values['first-draw'])
  if (values['first-draw'] !== undefined && (repeat === undefined || !Number.isInteger(firstDraw) || firstDraw < 1)) throw new UsageError(`--first-draw needs --repeat and a positive integer, got "${values['first-draw']}"`)
  if (k === undefined && (values['train-extra'] !== undefined || values['no-train-extra'])) throw new UsageError('--train-extra and --no-train-extra need --cv')
  if (values['train-extra'] !== undefined && values['no-train-extra']) throw new UsageError('--train-extra and --no-train-extra exclude each other')
  if (k !== undefined && values.model !== undefined) throw new UsageError('--model scores a trained artifact; --cv trains its own models: use one or the other')
  const items = readDataset(positionals[0], true)
  if (k !== undefined) {
    if (k > items.length) throw new UsageError(`--cv ${k}: more folds than the ${items.length} items`)
    const extraFiles = values['no-train-extra'] ? [] : values['train-extra'] ?? [SYNTHETIC_SET]
    const extra = trainingOnly(items, extraFiles.flatMap(file => readDataset(file, true)))
    if (!values.json) process.stderr.write(`classify:eval: each fold also trains on ${extra.length} items of ${extraFiles.join(', ') || 'no other file'}\n`)
    if (repeat !== undefined) {
      const r = repeatedCrossValidation(items, k, repeat, {}, extra, firstDraw)
      const draws = repeat === 1 ? `fold draw ${firstDraw}` : `fold draws ${firstDraw}-${firstDraw + repeat - 1}`
      process.stdout.write((values.json ? JSON.stringify(r) : formatRepeatedReport(r, `${k}-fold cross-validation of ${positionals[0]}, ${draws} × 3 training seeds`)) + '\n')
      return
    }
    const r = crossValidate(items, k, {}, 1, extra)
    process.stdout.write((values.json ? JSON.stringify(r) : formatReport(r, `${k}-fold cross-validation of ${positionals[0]}`, !values['no-matrices'])) + '\n')
    return
  }
  const model = readModel(values.model ?? fileURLToPath(MODEL_FILE))
  const r = evaluate(model, items)
  const speed = benchmarkClassify(input => classifyWith(model, input), items.map(item => item.input))
  if (values.json) {
    process.stdout.write(JSON.stringify({ ...r, classifierVersion: model.version, speed }) + '\n')
    return
  }
  process.stdout.write(formatReport(r, `${model.version} on ${positionals[0]}`, !values['no-matrices']) + '\n')
  process.stdout.write(`\n  speed: median ${speed.medianMicros} µs per classify(), p95 ${speed.p95Micros} µs (${speed.calls} calls)\n`)
})

function readModel (file: string): Model {
  try {
    return loadModel(file)
  } catch (error) {
    if (error instanceof ModelFormatError) throw new UsageError(`${file}: ${error.message}`)
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(code === 'ENOENT' ? `${file}: no such file` : `${file}: not a model written by classify:train (${(error as Error).message})`)
  }
}
