// Items shaped like the development set, one JSON object a line:
// {"id", "input": {fullName, email, projectType, details}, "labels": {...}} — labels optional here.
import { z } from 'zod'
import { CAPABILITIES, LANGUAGES, PROJECT_TYPES, SECTORS } from './taxonomy.ts'
import type { ClassificationInput, Labels } from './types.ts'

export interface DatasetItem { id: string, input: ClassificationInput, labels?: Labels }

const inputSchema = z.object({
  fullName: z.string().default(''),
  email: z.string().default(''),
  projectType: z.string().nullish(),
  details: z.string(),
  company: z.string().nullish()
})

const labelsSchema = z.object({
  projectType: z.enum(PROJECT_TYPES),
  sector: z.enum(SECTORS),
  capabilities: z.array(z.enum(CAPABILITIES)),
  language: z.enum(LANGUAGES),
  spam: z.boolean()
})

const itemSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), input: inputSchema, labels: z.unknown().optional() })

export class DatasetError extends Error {
  constructor (message: string, readonly line: number) { super(`line ${line}: ${message}`) }
}

/**
 * Parse JSONL text. Labels are read when `requireLabels` (evaluation, training), ignored otherwise
 * (classification). Blank lines are skipped; anything else malformed is a DatasetError naming the line.
 */
export function parseDataset (text: string, requireLabels: boolean): DatasetItem[] {
  const items: DatasetItem[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    if (raw.trim() === '') return
    let json: unknown
    try { json = JSON.parse(raw) } catch { throw new DatasetError('not valid JSON', line) }
    const item = itemSchema.safeParse(json)
    if (!item.success) throw new DatasetError(`not an item with "id" and "input.details": ${summarise(item.error)}`, line)
    const { id, input } = item.data
    if (!requireLabels) { items.push({ id, input }); return }
    const labels = labelsSchema.safeParse(item.data.labels)
    if (!labels.success) throw new DatasetError(`missing or invalid "labels": ${summarise(labels.error)}`, line)
    items.push({ id, input, labels: labels.data })
  })
  return items
}

function summarise (error: z.ZodError): string {
  return error.issues.slice(0, 3).map(issue => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')
}
