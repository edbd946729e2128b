import { randomUUID } from 'node:crypto'
import { pgValue, sqliteValue } from '../../src/db/sql.ts'
import { dedupeKey } from '../../src/leads/fingerprint.ts'
import { fold } from '../../src/text/fold.ts'
import type { Kind } from './databases.ts'
import type { LeadBody } from './leads.ts'

// Rows shaped like the ones the service writes for a new lead (prisma/sqlite/schema.prisma): the
// lead, its timeline event, and its outbox jobs (one to the consultant, one acknowledgement) each
// with an "email_queued" event. Used by the raw-driver reference paths and by the bulk seeding.

export type Value = string | number | boolean | Date | null
export type Row = Record<string, Value>

export interface Classified {
  status: string
  projectType: string | null
  sector: string | null
  language: string | null
  capabilities: string[]
  spam: boolean
  spamScore: number | null
  score: number | null
  classifierVersion: string | null
}

export interface LeadRows { lead: Row, capabilities: Row[], jobs: Row[], events: Row[] }

/** Values as the service stores them (src/db/sql.ts), for the raw-driver references and the seeding. */
export const encode = (kind: Kind, v: Value): string | number | boolean | null => kind === 'sqlite' ? sqliteValue(v) : pgValue(v)

/** INSERT of `rows` rows into `table`, with $n placeholders in row order. */
export function insertSql (table: string, columns: string[], rows = 1): string {
  const values = Array.from({ length: rows }, (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
  return `INSERT INTO "${table}" (${columns.map(c => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`
}

export function leadRows (body: LeadBody, now: Date, c?: Classified, outbox = true): LeadRows {
  const id = randomUUID()
  const consent = body.consent === true
  const status = c?.status ?? 'new'
  const lead: Row = {
    id,
    createdAt: now,
    updatedAt: now,
    version: 1,
    status,
    fullName: body.fullName,
    email: body.email,
    projectTypeRaw: body.projectType ?? null,
    details: body.details,
    company: body.company ?? null,
    phone: body.phone ?? null,
    locale: body.locale ?? 'fr',
    consent,
    consentAt: consent ? now : null,
    consentVersion: consent ? body.consentVersion ?? null : null,
    pageUrl: body.pageUrl ?? null,
    referrer: body.referrer ?? null,
    utmSource: body.utmSource ?? null,
    utmMedium: body.utmMedium ?? null,
    utmCampaign: body.utmCampaign ?? null,
    searchText: fold([body.fullName, body.email, body.company ?? '', body.details].join(' ')),
    dedupeKey: dedupeKey(body.email, body.details),
    projectType: c?.projectType ?? null,
    sector: c?.sector ?? null,
    language: c?.language ?? null,
    spam: c?.spam ?? false,
    spamScore: c?.spamScore ?? null,
    score: c?.score ?? null,
    classifierVersion: c?.classifierVersion ?? null,
    classification: c ? JSON.stringify({ confidence: { projectType: 0.8, sector: 0.7 }, evidence: [], scoreReasons: [] }) : null,
    tags: '[]',
    lastActivityAt: now
  }
  const event = (type: string, actor: string, data: object): Row =>
    ({ id: randomUUID(), leadId: id, createdAt: now, type, actor, data: JSON.stringify(data) })
  const events = [event('created', 'form', { status, honeypot: false, classified: c !== undefined })]
  const jobs: Row[] = []
  if (outbox) {
    const job = (kind: string, recipient: string): Row => ({
      id: randomUUID(),
      leadId: id,
      createdAt: now,
      updatedAt: now,
      kind,
      idempotencyKey: `lead:${id}:${kind}`,
      recipient,
      messageId: `<${randomUUID()}@localhost>`,
      payload: JSON.stringify({ locale: lead.locale, to: { address: recipient }, replyTo: null, headers: {}, vars: { fullName: body.fullName, email: body.email, details: body.details, company: body.company ?? null } }),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now
    })
    jobs.push(job('consultant', 'consultant@localhost'), job('ack', body.email.toLowerCase()))
    for (const j of jobs) events.push(event('email_queued', 'system', { kind: j.kind as string, deliveryId: j.id as string }))
  }
  const capabilities = (c?.capabilities ?? []).map(capability => ({ leadId: id, capability }))
  return { lead, capabilities, jobs, events }
}
