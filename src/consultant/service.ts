import type { Database, Prisma, Tx } from '../db/client.ts'
import { prismaSql } from '../db/sql.ts'
import type { Classification } from '../classification/index.ts'
import type { NewLeadsHook, StoredLead } from '../leads/service.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'
import { DeliveryNotFoundError, LeadNotFoundError, PatchConflictError, TransitionNotAllowedError } from './errors.ts'
import { computeStats } from './stats.ts'
import { allowedTransitions, canTransition, type Status } from './pipeline.ts'
import type { ExportedLead, ListedLead } from './lead-query.ts'
import { createConsultantRepository, keysetOf, type EmailJobRow, type LeadRecord, type LeadRow, type ListOrder, type NoteRow } from './repository.ts'
import type { EmailDelivery, LeadDetail, LeadFilter, LeadPatch, LeadSummary, Note, Stats, SubjectExport, TimelineEvent } from './schemas.ts'

export interface ConsultantDeps {
  db: Pick<Database, 'prisma' | 'sql' | 'kind'>
  clock?: () => Date
  /**
   * The notifications a lead gets when it is accepted (the hook intake runs for new leads), run inside
   * the transaction that turns a spam lead into a genuine one.
   */
  onLeadAccepted?: NewLeadsHook
  /** For the stats: a new lead nobody contacted for longer than this is waiting. */
  staleLeadHours: number
}

/** Statuses that mean someone has talked to the prospect. */
const CONTACTED: readonly Status[] = ['contacted', 'qualified', 'proposal', 'won']

// ---- ETags: the lead's version, which every change bumps ----

export const etagOf = (version: number): string => `"${version}"`

/** The version an If-Match header asks for; undefined for none or "*"; -1 for one that can never match. */
export function expectedVersion (ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined
  const m = /^\s*"(\d{1,9})"\s*$/.exec(ifMatch)
  return m ? Number(m[1]) : -1
}

// ---- PATCH, as a pure plan of what changes ----

export interface PatchPlan {
  data: Prisma.LeadUpdateManyMutationInput
  capabilities: string[] | undefined
  events: Array<{ type: string, data: object }>
  corrections: Array<{ axis: string, value: unknown }>
  /** The lead stops being spam: it gets the notifications it never got. */
  accepted: boolean
}

const parseTags = (json: string): string[] => {
  try { const v = JSON.parse(json) as unknown; return Array.isArray(v) ? v.map(String) : [] } catch { return [] }
}
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

function targetStatus (lead: LeadRow, patch: LeadPatch): Status | undefined {
  if (patch.spam !== undefined && patch.status !== undefined && patch.spam !== (patch.status === 'spam')) {
    throw new PatchConflictError(`spam: ${patch.spam} contradicts status: ${patch.status}.`)
  }
  if (patch.status !== undefined) return patch.status
  if (patch.spam === true) return 'spam'
  if (patch.spam === false && lead.status === 'spam') return 'new'
  return undefined
}

export function planPatch (lead: LeadRow, patch: LeadPatch, now: Date): PatchPlan {
  const plan: PatchPlan = { data: {}, capabilities: undefined, events: [], corrections: [], accepted: false }
  const to = targetStatus(lead, patch)
  if (to !== undefined && to !== lead.status) {
    if (!canTransition(lead.status, to)) throw new TransitionNotAllowedError(lead.status, to, allowedTransitions(lead.status))
    plan.data.status = to
    plan.events.push({ type: 'status_changed', data: { from: lead.status, to } })
    if (CONTACTED.includes(to) && !lead.firstContactedAt) plan.data.firstContactedAt = now
    // Archiving keeps a spam lead spam; any other move out of spam says it was not.
    const spam = to === 'spam' ? true : lead.status === 'spam' && to !== 'archived' ? false : lead.spam
    if (spam !== lead.spam) {
      plan.data.spam = spam
      plan.events.push({ type: 'reclassified', data: { axis: 'spam', from: lead.spam, to: spam } })
      plan.corrections.push({ axis: 'spam', value: spam })
      plan.accepted = !spam
    }
  }

  const fields = { lostReason: lead.lostReason, assignee: lead.assignee } as const
  for (const field of ['lostReason', 'assignee'] as const) {
    const value = patch[field]
    if (value !== undefined && value !== fields[field]) {
      plan.data[field] = value
      plan.events.push({ type: 'updated', data: { field, from: fields[field], to: value } })
    }
  }
  if (patch.tags !== undefined) {
    const from = parseTags(lead.tags)
    if (!same(from, patch.tags)) {
      plan.data.tags = JSON.stringify(patch.tags)
      plan.events.push({ type: 'updated', data: { field: 'tags', from, to: patch.tags } })
    }
  }

  const axes = { projectType: lead.projectType, sector: lead.sector } as const
  for (const axis of ['projectType', 'sector'] as const) {
    const value = patch[axis]
    if (value !== undefined && value !== axes[axis]) {
      plan.data[axis] = value
      plan.events.push({ type: 'reclassified', data: { axis, from: axes[axis], to: value } })
      plan.corrections.push({ axis, value })
    }
  }
  if (patch.capabilities !== undefined) {
    const from = lead.capabilities.map(c => c.capability).sort()
    if (!same(from, patch.capabilities)) {
      plan.capabilities = patch.capabilities
      plan.events.push({ type: 'reclassified', data: { axis: 'capabilities', from, to: patch.capabilities } })
      plan.corrections.push({ axis: 'capabilities', value: patch.capabilities })
    }
  }
  if (plan.events.length > 0) plan.data.lastActivityAt = now
  return plan
}

/** The stored classification in the shape the notifications hook takes, if the lead was classified. */
function storedClassification (lead: StoredLead, capabilities: string[]): Classification | undefined {
  if (!lead.classification || !lead.projectType || !lead.sector || !lead.language) return undefined
  const c = parseJson(lead.classification) as Partial<Classification>
  return {
    projectType: lead.projectType,
    sector: lead.sector,
    capabilities,
    language: lead.language,
    spam: lead.spam,
    spamScore: lead.spamScore ?? 0,
    score: lead.score ?? 0,
    scoreReasons: c.scoreReasons ?? [],
    confidence: c.confidence,
    evidence: c.evidence,
    classifierVersion: lead.classifierVersion ?? ''
  } as Classification
}

// ---- responses ----

function parseJson (text: string | null): Record<string, unknown> {
  if (!text) return {}
  try {
    const v = JSON.parse(text) as unknown
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {}
  } catch { return {} }
}

const iso = (d: Date | null): string | null => d ? d.toISOString() : null

export function toSummary (lead: ListedLead): LeadSummary {
  const erased = lead.erasedAt !== null
  const personal = <T>(v: T): T | null => erased ? null : v
  return {
    id: lead.id,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
    version: lead.version,
    status: lead.status as Status,
    fullName: personal(lead.fullName),
    email: personal(lead.email),
    company: personal(lead.company),
    phone: personal(lead.phone),
    projectType: lead.projectType,
    sector: lead.sector,
    language: lead.language,
    capabilities: lead.capabilities.map(c => c.capability),
    spam: lead.spam,
    spamScore: lead.spamScore,
    score: lead.score,
    tags: parseTags(lead.tags),
    assignee: lead.assignee,
    lostReason: lead.lostReason,
    firstContactedAt: iso(lead.firstContactedAt),
    lastActivityAt: lead.lastActivityAt.toISOString(),
    erasedAt: iso(lead.erasedAt)
  }
}

function toNote (note: NoteRow, erased: boolean): Note {
  return { id: note.id, createdAt: note.createdAt.toISOString(), author: note.author, body: erased ? null : note.body }
}

function toDelivery (job: EmailJobRow): EmailDelivery {
  return {
    id: job.id,
    kind: job.kind,
    recipient: job.recipient === '' ? null : job.recipient,
    status: job.status,
    attempts: job.attempts,
    nextAttemptAt: job.nextAttemptAt.toISOString(),
    lastError: job.lastError,
    sentAt: iso(job.sentAt),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString()
  }
}

function timeline (lead: LeadRecord): TimelineEvent[] {
  return lead.events.map(e => ({ id: e.id, at: e.createdAt.toISOString(), type: e.type, actor: e.actor, data: parseJson(e.data) }))
}

export function toDetail (lead: LeadRecord): LeadDetail {
  const erased = lead.erasedAt !== null
  const personal = <T>(v: T): T | null => erased ? null : v
  const c = parseJson(lead.classification)
  return {
    ...toSummary(lead),
    details: personal(lead.details),
    projectTypeRaw: lead.projectTypeRaw,
    locale: lead.locale,
    consent: lead.consent,
    consentAt: iso(lead.consentAt),
    consentVersion: lead.consentVersion,
    origin: {
      pageUrl: lead.pageUrl,
      referrer: lead.referrer,
      utmSource: lead.utmSource,
      utmMedium: lead.utmMedium,
      utmCampaign: lead.utmCampaign,
      utmTerm: lead.utmTerm,
      utmContent: lead.utmContent
    },
    classification: {
      classifierVersion: lead.classifierVersion,
      confidence: (c.confidence ?? null) as Record<string, number> | null,
      evidence: (c.evidence ?? null) as Record<string, unknown> | null,
      scoreReasons: (c.scoreReasons ?? null) as Array<{ code: string, points: number, detail?: string }> | null
    },
    notes: lead.notes.map(n => toNote(n, erased)),
    timeline: timeline(lead),
    emails: lead.emailJobs.map(toDelivery)
  }
}

// ---- the service ----

export function createConsultantService ({ db, clock = () => new Date(), onLeadAccepted, staleLeadHours }: ConsultantDeps) {
  const repo = createConsultantRepository({ db })

  async function detail (id: string): Promise<LeadDetail> {
    const lead = await repo.find(id)
    if (!lead) throw new LeadNotFoundError()
    return toDetail(lead)
  }

  return {
    async list (filter: LeadFilter, order: ListOrder, limit: number, cursor: string | undefined) {
      const from = cursor === undefined ? undefined : decodeCursor(cursor, order.sort, order.order)
      // One row more than asked tells whether there is a next page without a count.
      const rows = await repo.list(filter, order, from, limit + 1)
      const page = rows.slice(0, limit)
      const last = page[page.length - 1]
      return {
        items: page.map(toSummary),
        nextCursor: rows.length > limit && last ? encodeCursor(keysetOf(last, order)) : null
      }
    },

    /** Every matching lead in pages, for the streamed exports. */
    pages (filter: LeadFilter, order: ListOrder, pageSize = 500): AsyncGenerator<ExportedLead[]> {
      return repo.stream(filter, order, pageSize)
    },

    detail,

    async update (id: string, patch: LeadPatch, actor: string, ifMatch: string | undefined): Promise<LeadDetail> {
      const now = clock()
      await repo.update(id, expectedVersion(ifMatch), async (lead, tx: Tx) => {
        const plan = planPatch(lead, patch, now)
        if (plan.events.length === 0) return
        const updated = await repo.writeLead(tx, id, lead.version, plan.data)
        if (plan.capabilities) await repo.replaceCapabilities(tx, id, plan.capabilities)
        await repo.recordEvents(tx, id, actor, now, plan.events)
        await repo.recordCorrections(tx, id, actor, now, plan.corrections)
        if (plan.accepted && onLeadAccepted) {
          const capabilities = plan.capabilities ?? lead.capabilities.map(c => c.capability)
          await onLeadAccepted([{ lead: updated, classification: storedClassification(updated, capabilities) }], prismaSql(tx, db.kind))
        }
      })
      return detail(id)
    },

    async addNote (id: string, body: string, author: string): Promise<Note> {
      return toNote(await repo.addNote(id, author, body, clock()), false)
    },

    async notes (id: string): Promise<Note[]> {
      const found = await repo.notes(id)
      if (!found) throw new LeadNotFoundError()
      return found.notes.map(n => toNote(n, found.erased))
    },

    async retryDelivery (id: string, deliveryId: string, actor: string): Promise<EmailDelivery> {
      await repo.retryDelivery(id, deliveryId, actor, clock())
      const job = await repo.delivery(deliveryId)
      if (!job) throw new DeliveryNotFoundError()
      return toDelivery(job)
    },

    stats (range: { createdFrom?: Date, createdTo?: Date }): Promise<Stats> {
      return computeStats(db, { now: clock(), staleLeadHours, ...range })
    },

    async erase (id: string, actor: string): Promise<void> {
      // Erasing twice is not an error: the person's data is gone either way.
      if (!await repo.erase(id, clock(), { actor, reason: 'request' })) throw new LeadNotFoundError()
    },

    /** Everything held about the person, for a data-subject access request. */
    async subjectExport (id: string): Promise<SubjectExport> {
      const lead = await repo.find(id)
      if (!lead) throw new LeadNotFoundError()
      return {
        exportedAt: clock().toISOString(),
        lead: toDetail(lead),
        fingerprints: { ipHash: lead.ipHash, userAgent: lead.userAgent },
        classificationCorrections: lead.corrections.map(c => ({ createdAt: c.createdAt.toISOString(), actor: c.actor, axis: c.axis, value: parseJsonValue(c.value) })),
        emailMessages: lead.emailJobs.map(j => ({ id: j.id, kind: j.kind, recipient: j.recipient === '' ? null : j.recipient, messageId: j.messageId, payload: parseJsonValue(j.payload) }))
      }
    }
  }
}

function parseJsonValue (text: string): unknown {
  try { return JSON.parse(text) as unknown } catch { return text }
}

export type ConsultantService = ReturnType<typeof createConsultantService>
