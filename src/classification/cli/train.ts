// npm run classify:train [-- --no-db] [--database-url URL] [--data FILE.jsonl ...] [--out FILE]
// Trains on the committed development set and synthetic leads (data/SYNTHETIC.md), or on the --data
// files, plus the consultants' stored corrections (unless --no-db or no DATABASE_URL), and writes the
// model artifact that classify() loads.
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { train } from '../model.ts'
import { MODEL_FILE } from '../artifact.ts'
import type { TrainingExample } from '../types.ts'
import { DEV_SET, readDataset, run, SYNTHETIC_SET, UsageError } from './io.ts'

const USAGE = 'usage: npm run classify:train -- [--no-db | --database-url URL] [--data FILE.jsonl ...] [--out FILE.json]'

await run('classify:train', USAGE, async () => {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        'no-db': { type: 'boolean', default: false },
        'database-url': { type: 'string' },
        data: { type: 'string', multiple: true, default: [DEV_SET, SYNTHETIC_SET] },
        out: { type: 'string', default: fileURLToPath(MODEL_FILE) }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values } = parsed
  const examples: TrainingExample[] = []
  for (const file of values.data) {
    const items = readDataset(file, true)
    examples.push(...items.map(item => ({ input: item.input, labels: item.labels! })))
    process.stderr.write(`classify:train: ${items.length} items from ${file}\n`)
  }
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL
  if (!values['no-db'] && databaseUrl) {
    const { loadCorrections } = await import('../corrections.ts')
    const corrections = await loadCorrections(databaseUrl)
    process.stderr.write(`classify:train: ${corrections.length} corrected leads from the database\n`)
    examples.push(...corrections)
  } else {
    process.stderr.write('classify:train: no database (--no-db or no DATABASE_URL): no corrections\n')
  }
  const model = train(examples)
  const json = JSON.stringify(model)
  writeFileSync(values.out, json + '\n')
  process.stderr.write(`classify:train: wrote ${values.out} (${model.version}, ${(json.length / 1024).toFixed(0)} KB)\n`)
})
