import { randomUUID } from 'node:crypto'
import type { Database, Prisma, Tx } from '../db/client.ts'
import { fold } from '../text/fold.ts'
import type { Keyset } from './cursor.ts'
import { eraseLead, type ErasureReason } from './erasure.ts'
import { DeliveryNotFailedError, DeliveryNotFoundError, LeadErasedError, LeadNotFoundError, PreconditionFailedError } from './errors.ts'
import type { LeadFilter, SortField } from './schemas.ts'

// Data access of the consultant API: the only file here (with erasure.ts and stats.ts) that
// speaks Prisma. Queries stay within what both SQLite and PostgreSQL do the same way.

const WITH_CAPABILITIES = { capabilities: { select: { capability: true }, orderBy: { capability: 'asc' } } } as const satisfies Prisma.LeadInclude

export type LeadRow = Prisma.LeadGetPayload<{ include: typeof WITH_CAPABILITIES }>

const WITH_EVERYTHING = {
  ...WITH_CAPABILITIES,
  notes: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  events: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  emailJobs: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  corrections: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }
} as const satisfies Prisma.LeadInclude

export type LeadRecord = Prisma.LeadGetPayload<{ include: typeof WITH_EVERYTHING }>
export type NoteRow = Prisma.NoteGetPayload<object>
export type EmailJobRow = Prisma.EmailJobGetPayload<object>
export type StoredLead = Prisma.LeadGetPayload<object>

export interface ListOrder { sort: SortField, order: 'asc' | 'desc' }

/**
 * The folded words of a query. Prisma passes `contains` to LIKE without escaping, and SQLite's LIKE
 * has no escape character by default: % and _ are taken as word separators, never as wildcards.
 */
export function searchTerms (q: string): string[] {
  return fold(q.replace(/[%_\\]/g, ' ')).split(' ').filter(Boolean)
}

/** The Prisma filter for the list's query parameters; erased leads are never listed. */
export function leadWhere (f: LeadFilter): Prisma.LeadWhereInput {
  const and: Prisma.LeadWhereInput[] = [{ erasedAt: null }]
  // Spam is left out unless asked for, by ?spam= or by asking for the spam status itself.
  const spam = f.spam ?? (f.status?.includes('spam') ? 'any' : 'false')
  if (spam !== 'any') and.push({ spam: spam === 'true' })
  if (f.status) and.push({ status: { in: f.status } })
  if (f.projectType) and.push({ projectType: { in: f.projectType } })
  if (f.sector) and.push({ sector: { in: f.sector } })
  if (f.language) and.push({ language: { in: f.language } })
  if (f.capability) and.push({ capabilities: { some: { capability: { in: f.capability } } } })
  if (f.scoreMin !== undefined) and.push({ score: { gte: f.scoreMin } })
  if (f.scoreMax !== undefined) and.push({ score: { lte: f.scoreMax } })
  if (f.createdFrom) and.push({ createdAt: { gte: f.createdFrom } })
  if (f.createdTo) and.push({ createdAt: { lt: f.createdTo } })
  // searchText is fold(name email company details): folding the query the same way makes the
  // match case-, accent- and Arabic-variant-insensitive with a plain LIKE on both databases.
  if (f.q) {
    const terms = searchTerms(f.q)
    if (terms.length === 0) and.push({ id: { in: [] } })
    for (const term of terms) and.push({ searchText: { contains: term } })
  }
  return { AND: and }
}

function orderBy ({ sort, order }: ListOrder): Prisma.LeadOrderByWithRelationInput[] {
  return sort === 'score'
    ? [{ score: { sort: order, nulls: 'last' } }, { id: order }]
    : [{ createdAt: order }, { id: order }]
}

/** Rows strictly after the keyset in the list's order (null scores sort last either way). */
function after (k: Keyset): Prisma.LeadWhereInput {
  const beyond = k.order === 'desc' ? 'lt' : 'gt'
  const upTo = k.order === 'desc' ? 'lte' : 'gte'
  // "value ≤ v AND (value < v OR id < last)": the first bound lets the index seek to the page.
  if (k.sort === 'createdAt') {
    const at = new Date(k.value ?? 0)
    return { createdAt: { [upTo]: at }, OR: [{ createdAt: { [beyond]: at } }, { id: { [beyond]: k.id } }] }
  }
  if (k.value === null) return { score: null, id: { [beyond]: k.id } }
  return {
    OR: [
      { score: { [upTo]: k.value }, OR: [{ score: { [beyond]: k.value } }, { id: { [beyond]: k.id } }] },
      { score: null }
    ]
  }
}

export function keysetOf (row: StoredLead, { sort, order }: ListOrder): Keyset {
  return { sort, order, value: sort === 'score' ? row.score : row.createdAt.getTime(), id: row.id }
}

export function createConsultantRepository ({ db }: { db: Pick<Database, 'prisma'> }) {
  const { prisma } = db

  /** The lead a change applies to: it must exist and still hold its data. */
  async function changeableLead (tx: Tx, id: string): Promise<LeadRow> {
    const lead = await tx.lead.findUnique({ where: { id }, include: WITH_CAPABILITIES })
    if (!lead) throw new LeadNotFoundError()
    if (lead.erasedAt) throw new LeadErasedError()
    return lead
  }

  return {
    list (filter: LeadFilter, order: ListOrder, from: Keyset | undefined, take: number): Promise<LeadRow[]> {
      const where = leadWhere(filter)
      return prisma.lead.findMany({
        where: from ? { AND: [where, after(from)] } : where,
        orderBy: orderBy(order),
        take,
        include: WITH_CAPABILITIES
      })
    },

    /** Every matching lead, page by page: memory stays bounded by one page whatever the total. */
    async * stream (filter: LeadFilter, order: ListOrder, pageSize: number): AsyncGenerator<LeadRow[]> {
      let from: Keyset | undefined
      for (;;) {
        const page = await this.list(filter, order, from, pageSize)
        if (page.length > 0) yield page
        if (page.length < pageSize) return
        from = keysetOf(page[page.length - 1]!, order)
      }
    },

    find (id: string): Promise<LeadRecord | null> {
      return prisma.lead.findUnique({ where: { id }, include: WITH_EVERYTHING })
    },

    /**
     * Runs `change` on the current lead inside a transaction and bumps its version; a stale
     * If-Match, or a concurrent writer between the read and the write, is a 412.
     */
    async update<T> (id: string, expectedVersion: number | undefined, change: (lead: LeadRow, tx: Tx) => Promise<T>): Promise<T> {
      return prisma.$transaction(async tx => {
        const lead = await changeableLead(tx, id)
        if (expectedVersion !== undefined && lead.version !== expectedVersion) throw new PreconditionFailedError()
        return change(lead, tx)
      })
    },

    /** Writes the lead's new field values only if nobody else did since `version` was read. */
    async writeLead (tx: Tx, id: string, version: number, data: Prisma.LeadUpdateManyMutationInput): Promise<StoredLead> {
      const { count } = await tx.lead.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } })
      if (count !== 1) throw new PreconditionFailedError()
      return tx.lead.findUniqueOrThrow({ where: { id } })
    },

    async replaceCapabilities (tx: Tx, leadId: string, capabilities: string[]): Promise<void> {
      await tx.leadCapability.deleteMany({ where: { leadId } })
      if (capabilities.length > 0) await tx.leadCapability.createMany({ data: capabilities.map(capability => ({ leadId, capability })) })
    },

    async recordEvents (tx: Tx, leadId: string, actor: string, at: Date, events: Array<{ type: string, data: object }>): Promise<void> {
      if (events.length === 0) return
      await tx.leadEvent.createMany({
        data: events.map(e => ({ id: randomUUID(), leadId, createdAt: at, actor, type: e.type, data: JSON.stringify(e.data) }))
      })
    },

    async recordCorrections (tx: Tx, leadId: string, actor: string, at: Date, corrections: Array<{ axis: string, value: unknown }>): Promise<void> {
      if (corrections.length === 0) return
      await tx.classificationCorrection.createMany({
        data: corrections.map(c => ({ id: randomUUID(), leadId, createdAt: at, actor, axis: c.axis, value: JSON.stringify(c.value) }))
      })
    },

    async addNote (leadId: string, author: string, body: string, now: Date): Promise<NoteRow> {
      return prisma.$transaction(async tx => {
        await changeableLead(tx, leadId)
        const note = await tx.note.create({ data: { id: randomUUID(), leadId, createdAt: now, author, body } })
        await tx.lead.update({ where: { id: leadId }, data: { lastActivityAt: now, version: { increment: 1 } } })
        await this.recordEvents(tx, leadId, author, now, [{ type: 'note_added', data: { noteId: note.id } }])
        return note
      })
    },

    async notes (leadId: string): Promise<{ notes: NoteRow[], erased: boolean } | null> {
      const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { erasedAt: true } })
      if (!lead) return null
      const notes = await prisma.note.findMany({ where: { leadId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
      return { notes, erased: lead.erasedAt !== null }
    },

    /** Erases the lead's personal data; false when there is no such lead. */
    async erase (leadId: string, now: Date, why: ErasureReason): Promise<boolean> {
      return prisma.$transaction(async tx => {
        const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { id: true } })
        if (!lead) return false
        await eraseLead(tx, leadId, now, why)
        return true
      })
    },

    delivery (id: string): Promise<EmailJobRow | null> {
      return prisma.emailJob.findUnique({ where: { id } })
    },

    /** A failed delivery goes back to the outbox, due now, with a fresh attempt budget. */
    async retryDelivery (leadId: string, deliveryId: string, actor: string, now: Date): Promise<void> {
      await prisma.$transaction(async tx => {
        await changeableLead(tx, leadId)
        const job = await tx.emailJob.findFirst({ where: { id: deliveryId, leadId }, select: { status: true, kind: true } })
        if (!job) throw new DeliveryNotFoundError()
        const { count } = await tx.emailJob.updateMany({
          where: { id: deliveryId, status: 'failed' },
          data: { status: 'pending', attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null }
        })
        if (count !== 1) throw new DeliveryNotFailedError(job.status)
        await this.recordEvents(tx, leadId, actor, now, [{ type: 'email_retried', data: { deliveryId, kind: job.kind } }])
      })
    }
  }
}

export type ConsultantRepository = ReturnType<typeof createConsultantRepository>
