import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childEnv, ROOT, tsxArgs } from '../helpers/child.ts'

const run = (script: string, ...args: string[]): { status: number | null, stdout: string, stderr: string } =>
  spawnSync(process.execPath, tsxArgs(`src/classification/cli/${script}.ts`, ...args), { cwd: ROOT, encoding: 'utf8', env: childEnv() })

const dir = mkdtempSync(join(tmpdir(), 'leadline-classify-'))
const DEV_SET = join(ROOT, 'src/classification/data/leads-dev.jsonl')
const good = join(dir, 'good.jsonl')
writeFileSync(good, [
  JSON.stringify({ id: 'a', input: { fullName: 'A', email: 'a@ocp-example.ma', projectType: 'Formation', details: 'Formation IA pour 20 ingénieurs de maintenance, 2 jours à Safi.' } }),
  '',
  JSON.stringify({ id: 'b', input: { fullName: 'B', email: 'b@gmail.com', projectType: '', details: 'salam, bghit chatbot l store dyali f instagram' }, labels: { ignored: true } })
].join('\n'))

t.test('classify writes one JSON line per item with the contract fields', async t => {
  const { status, stdout, stderr } = run('classify', good)
  t.equal(status, 0, stderr)
  const lines = stdout.trim().split('\n').map(line => JSON.parse(line))
  t.equal(lines.length, 2)
  t.same(Object.keys(lines[0]), ['id', 'projectType', 'sector', 'capabilities', 'language', 'spam', 'score', 'confidence', 'evidence', 'classifierVersion'])
  t.equal(lines[0].id, 'a')
  t.equal(lines[1].language, 'ary')
})

t.test('bad input: a clear message on stderr and a non-zero exit, no stack trace', async t => {
  const bad = join(dir, 'bad.jsonl')
  writeFileSync(bad, JSON.stringify({ id: 'x', input: { details: 'ok' } }) + '\n{not json\n')
  // An artifact from before lr-ngram-lexicon/8, which had no capability threshold.
  const older = join(dir, 'older.json')
  const committed = JSON.parse(readFileSync(join(ROOT, 'src/classification/data/model.json'), 'utf8'))
  const { capabilityThreshold, ...withoutThreshold } = committed
  t.type(capabilityThreshold, 'number', 'the committed artifact has its threshold')
  writeFileSync(older, JSON.stringify(withoutThreshold))
  // And one from before lr-ngram-lexicon-knn/10, which had no neighbours.
  const noNeighbours = join(dir, 'no-neighbours.json')
  const { neighbours, ...withoutNeighbours } = committed
  t.type(neighbours?.leads, Array, 'the committed artifact has its neighbours')
  writeFileSync(noNeighbours, JSON.stringify(withoutNeighbours))
  const cases: Array<[string, string[], RegExp]> = [
    ['missing file', ['classify', join(dir, 'nope.jsonl')], /no such file/],
    ['no argument', ['classify'], /missing FILE\.jsonl/],
    ['bad JSON line', ['classify', bad], /line 2: not valid JSON/],
    ['eval without labels', ['evaluate', good], /line 1: missing or invalid "labels"/],
    ['eval with a bad --cv', ['evaluate', good, '--cv', 'x'], /--cv must be an integer of at least 2/],
    ['eval --repeat without --cv', ['evaluate', good, '--repeat', '2'], /--repeat needs --cv/],
    ['eval --first-draw without --repeat', ['evaluate', good, '--cv', '2', '--first-draw', '4'], /--first-draw needs --repeat/],
    ['eval with a bad --first-draw', ['evaluate', good, '--cv', '2', '--repeat', '1', '--first-draw', '0'], /--first-draw needs --repeat and a positive integer, got "0"/],
    ['eval --train-extra without --cv', ['evaluate', good, '--train-extra', good], /--train-extra and --no-train-extra need --cv/],
    ['eval --train-extra and --no-train-extra', ['evaluate', good, '--cv', '2', '--train-extra', good, '--no-train-extra'], /exclude each other/],
    ['eval --train-extra of a missing file', ['evaluate', DEV_SET, '--cv', '2', '--train-extra', join(dir, 'nope.jsonl')], /nope\.jsonl: no such file/],
    ['eval --model with --cv', ['evaluate', DEV_SET, '--cv', '2', '--model', good], /use one or the other/],
    ['eval --model of a missing file', ['evaluate', DEV_SET, '--model', join(dir, 'nope.json')], /nope\.json: no such file/],
    ['eval --model of something else', ['evaluate', DEV_SET, '--model', good], /not a model written by classify:train/],
    ['eval --model of an older artifact', ['evaluate', DEV_SET, '--model', older], /older\.json: not a model written by this version of classify:train: retrain/],
    ['eval --model of an artifact without neighbours', ['evaluate', DEV_SET, '--model', noNeighbours], /no-neighbours\.json: not a model written by this version of classify:train: retrain/]
  ]
  for (const [name, [script, ...args], message] of cases) {
    const { status, stderr } = run(script!, ...args)
    t.not(status, 0, `${name}: non-zero exit`)
    t.match(stderr, message, `${name}: says what is wrong`)
    t.notMatch(stderr, /\n\s+at /, `${name}: no stack trace`)
  }
})

t.test('eval --cv trains each fold on the extra files too, but never on the evaluated items themselves', async t => {
  const lines = readFileSync(DEV_SET, 'utf8').trim().split('\n')
  const some = join(dir, 'some.jsonl')
  const others = join(dir, 'others.jsonl')
  writeFileSync(some, lines.slice(0, 12).join('\n'))
  // Four items of its own, and the evaluated file's twelve again: those twelve must be dropped.
  writeFileSync(others, [...lines.slice(12, 16), ...lines.slice(0, 12)].join('\n'))
  const extra = run('evaluate', some, '--cv', '2', '--train-extra', others, '--no-matrices')
  t.equal(extra.status, 0, extra.stderr)
  t.match(extra.stderr, /each fold also trains on 4 items of /)
  t.match(extra.stdout, /2-fold cross-validation of .*some\.jsonl \(12 items\)/)
  const none = run('evaluate', some, '--cv', '2', '--no-train-extra', '--no-matrices')
  t.equal(none.status, 0, none.stderr)
  t.match(none.stderr, /each fold also trains on 0 items of no other file/)
})

t.test('eval --model scores an artifact written by classify:train instead of the committed one', async t => {
  const some = join(dir, 'train-some.jsonl')
  writeFileSync(some, readFileSync(DEV_SET, 'utf8').trim().split('\n').slice(0, 40).join('\n'))
  const out = join(dir, 'model.json')
  const trained = run('train', '--no-db', '--data', some, '--out', out)
  t.equal(trained.status, 0, trained.stderr)
  const version = (JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version
  const scored = run('evaluate', some, '--model', out, '--json')
  t.equal(scored.status, 0, scored.stderr)
  t.equal(JSON.parse(scored.stdout).classifierVersion, version, 'the report names the artifact scored')
})
