// Shared by the classification CLIs: read a JSONL dataset, fail with one clear line on stderr.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { DatasetError, parseDataset, type DatasetItem } from '../dataset.ts'

/** The committed training data: the development set, and the leads written for training (data/SYNTHETIC.md). */
export const DEV_SET = fileURLToPath(new URL('../data/leads-dev.jsonl', import.meta.url))
export const SYNTHETIC_SET = fileURLToPath(new URL('../data/leads-synthetic.jsonl', import.meta.url))

export class UsageError extends Error {}

export function readDataset (path: string | undefined, requireLabels: boolean): DatasetItem[] {
  if (!path) throw new UsageError('missing FILE.jsonl argument')
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(error)})`)
  }
  try {
    return parseDataset(text, requireLabels)
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(`${path}: ${error.message}`)
    throw error
  }
}

/** Run a CLI body: expected failures print `name: message` and exit 1, anything else exits 2 with the message. */
export async function run (name: string, usage: string, body: () => Promise<void> | void): Promise<void> {
  try {
    await body()
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n${usage}\n`)
      process.exitCode = 1
    } else {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 2
    }
  }
}
