// Consultant corrections as training examples, for `npm run classify:train`. The database read is
// a thin shell around a pure conversion (correctionsToExamples) that the tests exercise directly.
import { z } from 'zod'
import { openDatabase } from '../db/client.ts'
import { CAPABILITIES, LANGUAGES, PROJECT_TYPES, SECTORS } from './taxonomy.ts'
import type { Labels, TrainingExample } from './types.ts'

export interface CorrectionRow { leadId: string, axis: string, value: string, createdAt: Date }
export interface LeadRow {
  id: string, fullName: string, email: string, projectTypeRaw: string | null, details: string, company: string | null, erasedAt: Date | null
}

// A correction's value is JSON text: "consulting", ["vision","data"], true...
const AXIS_VALUE = {
  projectType: z.enum(PROJECT_TYPES),
  sector: z.enum(SECTORS),
  capabilities: z.array(z.enum(CAPABILITIES)),
  language: z.enum(LANGUAGES),
  spam: z.boolean()
} satisfies { [K in keyof Labels]: z.ZodType<Labels[K]> }

/**
 * One example per corrected lead, with the latest correction on each axis. Erased leads are left out
 * (their text is gone or must not be reused), and so are values that do not parse: a bad row must not
 * stop retraining.
 */
export function correctionsToExamples (corrections: CorrectionRow[], leads: LeadRow[]): TrainingExample[] {
  const leadsById = new Map(leads.map(lead => [lead.id, lead]))
  const labelsByLead = new Map<string, Partial<Labels>>()
  const ordered = [...corrections].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  for (const correction of ordered) {
    if (!(correction.axis in AXIS_VALUE)) continue
    const axis = correction.axis as keyof Labels
    let json: unknown
    try { json = JSON.parse(correction.value) } catch { continue }
    const parsed = AXIS_VALUE[axis].safeParse(json)
    if (!parsed.success) continue
    const labels = labelsByLead.get(correction.leadId) ?? {}
    labelsByLead.set(correction.leadId, { ...labels, [axis]: parsed.data })
  }
  const examples: TrainingExample[] = []
  for (const [leadId, labels] of labelsByLead) {
    const lead = leadsById.get(leadId)
    if (!lead || lead.erasedAt) continue
    examples.push({
      input: { fullName: lead.fullName, email: lead.email, projectType: lead.projectTypeRaw, details: lead.details, company: lead.company },
      labels
    })
  }
  return examples
}

export async function loadCorrections (databaseUrl: string): Promise<TrainingExample[]> {
  const db = await openDatabase({ url: databaseUrl })
  try {
    const corrections = await db.prisma.classificationCorrection.findMany({
      select: { leadId: true, axis: true, value: true, createdAt: true }
    })
    const leads = await db.prisma.lead.findMany({
      where: { id: { in: [...new Set(corrections.map(c => c.leadId))] } },
      select: { id: true, fullName: true, email: true, projectTypeRaw: true, details: true, company: true, erasedAt: true }
    })
    return correctionsToExamples(corrections, leads)
  } finally {
    await db.close()
  }
}
