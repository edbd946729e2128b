import { randomUUID } from 'node:crypto'
import type { Database, Tx, Prisma } from '../db/client.ts'
import { isUniqueViolation } from '../db/errors.ts'
import type { Classification, ClassificationInput } from '../classification/index.ts'
import type { Locale } from '../classification/taxonomy.ts'
import { fold } from '../text/fold.ts'
import { dedupeKey, requestHash } from './fingerprint.ts'
import type { LeadInput } from './schema.ts'
import { HttpError } from '../http/problem.ts'

export type StoredLead = Prisma.LeadGetPayload<object>

/** What happens in the lead's own transaction once it is stored: the notifications' outbox rows. */
export interface NewLeadHook {
  onLeadCreated: (lead: StoredLead, classification: Classification | undefined, tx: Tx) => Promise<void>
}

export interface SubmissionMeta {
  locale: Locale
  ipHash: string | undefined
  userAgent: string | undefined
  idempotencyKey: string | undefined
}

export interface SubmissionResult { id: string, duplicate: boolean, spam: boolean }

export interface IntakeDeps {
  db: Pick<Database, 'prisma'>
  duplicateWindowSeconds: number
  classify?: (input: ClassificationInput) => Classification
  onLeadCreated?: NewLeadHook['onLeadCreated']
  log: { error: (obj: object, msg: string) => void }
  clock?: () => Date
}

const USER_AGENT_MAX = 300

export class IdempotencyMismatchError extends HttpError {
  constructor () {
    super(422, 'idempotency_mismatch', 'Idempotency key reused', 'This Idempotency-Key was already used with a different request body.')
  }
}

export function createIntakeService ({ db, duplicateWindowSeconds, classify, onLeadCreated, log, clock = () => new Date() }: IntakeDeps) {
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

  async function findReplay (tx: Tx, key: string, hash: string): Promise<SubmissionResult | undefined> {
    const record = await tx.idempotencyRecord.findUnique({ where: { key } })
    if (!record) return undefined
    if (record.requestHash !== hash) throw new IdempotencyMismatchError()
    const lead = await tx.lead.findUnique({ where: { id: record.leadId }, select: { status: true } })
    return { id: record.leadId, duplicate: record.duplicate, spam: lead?.status === 'spam' }
  }

  async function attempt (input: LeadInput, meta: SubmissionMeta, classification: Classification | undefined): Promise<SubmissionResult> {
    const now = clock()
    const key = dedupeKey(input.email, input.details)
    const hash = requestHash(input)
    const honeypot = input.website !== undefined && input.website !== ''
    const spam = honeypot || classification?.spam === true

    return db.prisma.$transaction(async tx => {
      if (meta.idempotencyKey) {
        const replay = await findReplay(tx, meta.idempotencyKey, hash)
        if (replay) return replay
      }
      const remember = async (result: SubmissionResult): Promise<SubmissionResult> => {
        if (meta.idempotencyKey) {
          await tx.idempotencyRecord.create({ data: { key: meta.idempotencyKey, requestHash: hash, leadId: result.id, duplicate: result.duplicate, createdAt: now } })
        }
        return result
      }

      const twin = await tx.lead.findUnique({ where: { dedupeKey: key }, select: { id: true, createdAt: true, status: true } })
      if (twin && now.getTime() - twin.createdAt.getTime() < duplicateWindowSeconds * 1000) {
        return remember({ id: twin.id, duplicate: true, spam: twin.status === 'spam' })
      }
      // The earlier lead is outside the window: it stops being the one new submissions duplicate.
      if (twin) await tx.lead.update({ where: { id: twin.id }, data: { dedupeKey: null } })

      const lead = await tx.lead.create({ data: leadRow(input, meta, classification, { id: randomUUID(), key, now, spam }) })
      if (classification && classification.capabilities.length > 0) {
        await tx.leadCapability.createMany({ data: classification.capabilities.map(capability => ({ leadId: lead.id, capability })) })
      }
      await tx.leadEvent.create({
        data: {
          id: randomUUID(),
          leadId: lead.id,
          createdAt: now,
          type: 'created',
          actor: 'form',
          data: JSON.stringify({ status: lead.status, honeypot, classified: classification !== undefined })
        }
      })
      if (!spam && onLeadCreated) await onLeadCreated(lead, classification, tx)
      return remember({ id: lead.id, duplicate: false, spam })
    })
  }

  return {
    /**
     * Stores a validated submission once: a repeat within the duplicate window, a replayed
     * Idempotency-Key or a concurrent twin all answer with the lead that already exists.
     */
    async submit (input: LeadInput, meta: SubmissionMeta): Promise<SubmissionResult> {
      const classification = safeClassify(input)
      try {
        return await attempt(input, meta, classification)
      } catch (err) {
        // A concurrent identical submission committed first; running again finds it.
        if (isUniqueViolation(err)) return attempt(input, meta, classification)
        throw err
      }
    }
  }
}

export type IntakeService = ReturnType<typeof createIntakeService>

function leadRow (input: LeadInput, meta: SubmissionMeta, c: Classification | undefined,
  { id, key, now, spam }: { id: string, key: string, now: Date, spam: boolean }): Prisma.LeadUncheckedCreateInput {
  const consent = input.consent === true
  return {
    id,
    createdAt: now,
    lastActivityAt: now,
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
    dedupeKey: key,
    spam,
    ...(c
      ? {
          projectType: c.projectType,
          sector: c.sector,
          language: c.language,
          spamScore: c.spamScore,
          score: spam ? 0 : c.score,
          classifierVersion: c.classifierVersion,
          classification: JSON.stringify({ confidence: c.confidence, evidence: c.evidence, scoreReasons: c.scoreReasons })
        }
      : {})
  }
}
