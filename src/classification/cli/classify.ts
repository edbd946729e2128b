// npm run classify -- FILE.jsonl: one JSON line per item on stdout (labels in the file are ignored).
import { classify } from '../index.ts'
import { readDataset, run } from './io.ts'

const USAGE = 'usage: npm run classify -- FILE.jsonl'

await run('classify', USAGE, () => {
  const items = readDataset(process.argv[2], false)
  const lines = items.map(item => {
    const c = classify(item.input)
    return JSON.stringify({
      id: item.id,
      projectType: c.projectType,
      sector: c.sector,
      capabilities: c.capabilities,
      language: c.language,
      spam: c.spam,
      score: c.score,
      confidence: c.confidence,
      evidence: c.evidence,
      classifierVersion: c.classifierVersion
    })
  })
  process.stdout.write(lines.join('\n') + (lines.length > 0 ? '\n' : ''))
})
