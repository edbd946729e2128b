import { randomUUID } from 'node:crypto'
import type { Database, Prisma } from '../db/client.ts'
import { isUniqueViolation } from '../db/errors.ts'
import { insertMany } from '../db/insert-many.ts'
import { placeholders, toBoolean, toDate, type Sql } from '../db/sql.ts'
import type { Classification, ClassificationInput } from '../classification/index.ts'
import type { Locale } from '../classification/taxonomy.ts'
import { HttpError } from '../http/problem.ts'
import { fold } from '../text/fold.ts'
import { dedupeKey, requestHash } from './fingerprint.ts'
import { createGroupCommit, type Settled } from './group-commit.ts'
import type { LeadInput } from './schema.ts'

export type StoredLead = Prisma.LeadGetPayload<object>

export interface CreatedLead { lead: StoredLead, classification: Classification | undefined }

/**
 * What new leads owe once stored (the notifications' outbox rows), written in the same transaction
 * as the leads: either a lead and everything it owes exist, or none of it does.
 */
export type NewLeadsHook = (created: CreatedLead[], tx: Sql) => Promise<void>

export interface SubmissionMeta {
  locale: Locale
  ipHash: string | undefined
  userAgent: string | undefined
  idempotencyKey: string | undefined
}

export interface SubmissionResult { id: string, duplicate: boolean }

export interface IntakeDeps {
  db: Pick<Database, 'sql'>
  duplicateWindowSeconds: number
  classify?: (input: ClassificationInput) => Classification
  onLeadsCreated?: NewLeadsHook
  log: { error: (obj: object, msg: string) => void }
  clock?: () => Date
}

const USER_AGENT_MAX = 300
const MAX_BATCH = 64

export class IdempotencyMismatchError extends HttpError {
  constructor () {
    super(422, 'idempotency_mismatch', 'Idempotency key reused', 'This Idempotency-Key was already used with a different request body.')
  }
}

interface Submission {
  input: LeadInput
  meta: SubmissionMeta
  classification: Classification | undefined
  dedupeKey: string
  requestHash: string
  spam: boolean
  honeypot: boolean
}

export function createIntakeService ({ db, duplicateWindowSeconds, classify, onLeadsCreated, log, clock = () => new Date() }: IntakeDeps) {
  const windowMs = duplicateWindowSeconds * 1000

  function safeClassify (input: LeadInput): Classification | undefined {
    if (!classify) return undefined
    try {
      return classify({ fullName: input.fullName, email: input.email, projectType: input.projectType ?? null, details: input.details, company: input.company ?? null })
    } catch (err) {
      // Classification must never cost a lead: store it unclassified and say so in the log.
      log.error({ err }, 'classification failed; storing the lead unclassified')
      return undefined
    }
  }

  /**
   * Writes a batch in one transaction. Each submission is stored once: a repeat within the duplicate
   * window (in the database or earlier in this batch) or a replayed Idempotency-Key answers with the
   * lead that exists. A submission's own error (a reused key) is its result, not the batch's.
   */
  async function writeBatch (tx: Sql, batch: Submission[]): Promise<Array<Settled<SubmissionResult>>> {
    const now = clock()
    const keys = [...new Set(batch.map(s => s.meta.idempotencyKey).filter((k): k is string => k !== undefined))]
    const records = new Map((keys.length > 0
      ? await tx.all<{ key: string, requestHash: string, leadId: string, duplicate: unknown }>(
        `SELECT "key", "requestHash", "leadId", "duplicate" FROM "IdempotencyRecord" WHERE "key" IN (${placeholders(keys)})`, keys)
      : []).map(r => [r.key, { ...r, duplicate: toBoolean(r.duplicate) }]))
    const dedupeKeys = [...new Set(batch.map(s => s.dedupeKey))]
    const twins = new Map((await tx.all<{ id: string, createdAt: unknown, dedupeKey: string }>(
      `SELECT "id", "createdAt", "dedupeKey" FROM "Lead" WHERE "dedupeKey" IN (${placeholders(dedupeKeys)})`, dedupeKeys))
      .map(t => [t.dedupeKey, { ...t, createdAt: toDate(t.createdAt) }]))

    const results: Array<Settled<SubmissionResult>> = []
    const created: CreatedLead[] = []
    const honeypots = new Set<string>()
    const superseded: string[] = []
    const newRecords: Array<{ key: string, requestHash: string, leadId: string, duplicate: boolean, createdAt: Date }> = []

    for (const s of batch) {
      const key = s.meta.idempotencyKey
      const record = key ? records.get(key) : undefined
      if (record) {
        results.push(record.requestHash === s.requestHash
          ? { ok: true, value: { id: record.leadId, duplicate: record.duplicate } }
          : { ok: false, error: new IdempotencyMismatchError() })
        continue
      }
      let result: SubmissionResult
      const twin = twins.get(s.dedupeKey)
      if (twin && now.getTime() - twin.createdAt.getTime() < windowMs) {
        result = { id: twin.id, duplicate: true }
      } else {
        // An earlier lead outside the window stops being the one new submissions duplicate.
        if (twin) superseded.push(twin.id)
        const lead = leadRow(s, randomUUID(), now)
        created.push({ lead, classification: s.classification })
        if (s.honeypot) honeypots.add(lead.id)
        twins.set(s.dedupeKey, { id: lead.id, createdAt: now, dedupeKey: s.dedupeKey })
        result = { id: lead.id, duplicate: false }
      }
      if (key) {
        const r = { key, requestHash: s.requestHash, leadId: result.id, duplicate: result.duplicate, createdAt: now }
        newRecords.push(r)
        records.set(key, r)
      }
      results.push({ ok: true, value: result })
    }

    if (superseded.length > 0) await tx.run(`UPDATE "Lead" SET "dedupeKey" = NULL WHERE "id" IN (${placeholders(superseded)})`, superseded)
    if (created.length > 0) {
      await insertMany(tx, 'Lead', created.map(c => c.lead))
      await insertMany(tx, 'LeadCapability', created.flatMap(c => (c.classification?.capabilities ?? []).map(capability => ({ leadId: c.lead.id, capability }))))
      await insertMany(tx, 'LeadEvent', created.map(({ lead, classification }) => ({
          id: randomUUID(),
          leadId: lead.id,
          createdAt: now,
          type: 'created',
          actor: 'form',
          data: JSON.stringify({ status: lead.status, honeypot: honeypots.has(lead.id), classified: classification !== undefined })
        })))
      const accepted = created.filter(c => !c.lead.spam)
      if (accepted.length > 0 && onLeadsCreated) await onLeadsCreated(accepted, tx)
    }
    await insertMany(tx, 'IdempotencyRecord', newRecords)
    return results
  }

  const transaction = (batch: Submission[]) => db.sql.transaction(tx => writeBatch(tx, batch))

  async function writeAlone (s: Submission): Promise<Settled<SubmissionResult>> {
    try {
      return (await transaction([s]))[0]!
    } catch (err) {
      // A concurrent identical submission (another batch, another instance) committed first;
      // writing again finds it and answers as a duplicate.
      if (!isUniqueViolation(err)) return { ok: false, error: err }
      try { return (await transaction([s]))[0]! } catch (again) { return { ok: false, error: again } }
    }
  }

  const commits = createGroupCommit<Submission, SubmissionResult>(async batch => {
    if (batch.length === 1) return [await writeAlone(batch[0]!)]
    try {
      return await transaction(batch)
    } catch {
      // Something in the batch failed the transaction: write each alone, so an error fails only
      // the submission it belongs to.
      const results: Array<Settled<SubmissionResult>> = []
      for (const s of batch) results.push(await writeAlone(s))
      return results
    }
    // PostgreSQL: two batches at once. Each batch takes the acknowledgement caps' advisory lock
    // (notifications/hook.ts), so more only queue on it: intake at 1/2/4/8 gave 52/52-79/27-66/20%
    // of the raw pg path in the same runs (bench, quick profile, 50 connections).
  }, { maxBatch: MAX_BATCH, concurrency: db.sql.kind === 'sqlite' ? 1 : 2 })

  return {
    /** Stores a validated submission; resolves once it is committed. */
    submit (input: LeadInput, meta: SubmissionMeta): Promise<SubmissionResult> {
      const classification = safeClassify(input)
      const honeypot = input.website !== undefined && input.website !== ''
      return commits.submit({
        input,
        meta,
        classification,
        dedupeKey: dedupeKey(input.email, input.details),
        requestHash: requestHash(input),
        honeypot,
        spam: honeypot || classification?.spam === true
      })
    }
  }
}

export type IntakeService = ReturnType<typeof createIntakeService>

/** The complete row, so the same object is both what is inserted and what the hook reads. */
function leadRow ({ input, meta, classification: c, dedupeKey, spam }: Submission, id: string, now: Date): StoredLead {
  const consent = input.consent === true
  return {
    id,
    createdAt: now,
    updatedAt: now,
    version: 1,
    status: spam ? 'spam' : 'new',
    fullName: input.fullName,
    email: input.email,
    projectTypeRaw: input.projectType ?? null,
    details: input.details,
    company: input.company ?? null,
    phone: input.phone ?? null,
    locale: meta.locale,
    consent,
    consentAt: consent ? now : null,
    consentVersion: consent ? input.consentVersion ?? null : null,
    pageUrl: input.pageUrl ?? null,
    referrer: input.referrer ?? null,
    utmSource: input.utmSource ?? null,
    utmMedium: input.utmMedium ?? null,
    utmCampaign: input.utmCampaign ?? null,
    utmTerm: input.utmTerm ?? null,
    utmContent: input.utmContent ?? null,
    ipHash: meta.ipHash ?? null,
    userAgent: meta.userAgent ? meta.userAgent.slice(0, USER_AGENT_MAX) : null,
    searchText: fold([input.fullName, input.email, input.company ?? '', input.details].join(' ')),
    dedupeKey,
    spam,
    projectType: c?.projectType ?? null,
    sector: c?.sector ?? null,
    language: c?.language ?? null,
    spamScore: c?.spamScore ?? null,
    score: c ? (spam ? 0 : c.score) : null,
    classifierVersion: c?.classifierVersion ?? null,
    classification: c ? JSON.stringify({ confidence: c.confidence, evidence: c.evidence, scoreReasons: c.scoreReasons }) : null,
    lostReason: null,
    tags: '[]',
    assignee: null,
    firstContactedAt: null,
    lastActivityAt: now,
    erasedAt: null
  }
}
