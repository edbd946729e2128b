import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = new URL('../../', import.meta.url).pathname
const run = (script: string, ...args: string[]): { status: number | null, stdout: string, stderr: string } =>
  spawnSync(process.execPath, ['--import', 'tsx', `src/classification/cli/${script}.ts`, ...args], { cwd: ROOT, encoding: 'utf8' })

const dir = mkdtempSync(join(tmpdir(), 'leadline-classify-'))
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
  const cases: Array<[string, string[], RegExp]> = [
    ['missing file', ['classify', join(dir, 'nope.jsonl')], /no such file/],
    ['no argument', ['classify'], /missing FILE\.jsonl/],
    ['bad JSON line', ['classify', bad], /line 2: not valid JSON/],
    ['eval without labels', ['evaluate', good], /line 1: missing or invalid "labels"/],
    ['eval with a bad --cv', ['evaluate', good, '--cv', 'x'], /--cv must be an integer of at least 2/],
    ['eval --repeat without --cv', ['evaluate', good, '--repeat', '2'], /--repeat needs --cv/]
  ]
  for (const [name, [script, ...args], message] of cases) {
    const { status, stderr } = run(script!, ...args)
    t.not(status, 0, `${name}: non-zero exit`)
    t.match(stderr, message, `${name}: says what is wrong`)
    t.notMatch(stderr, /\n\s+at /, `${name}: no stack trace`)
  }
})
