import { randomUUID } from 'node:crypto'
import type { Database, Prisma, Tx } from '../db/client.ts'
import type { Keyset } from './cursor.ts'
import { eraseLead, type ErasureReason } from './erasure.ts'
import { DeliveryNotFailedError, DeliveryNotFoundError, LeadErasedError, LeadNotFoundError, PreconditionFailedError } from './errors.ts'
import { exportLeads, listLeads, type ExportedLead, type ListedLead } from './lead-query.ts'
import type { LeadFilter, SortField } from './schemas.ts'

// Data access of the consultant API: this file, erasure.ts and stats.ts speak Prisma; the list and
// the exports read through lead-query.ts's plain SQL. Queries stay within what both SQLite and
// PostgreSQL do the same way.

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

export function keysetOf (row: Pick<StoredLead, 'id' | 'createdAt' | 'score'>, { sort, order }: ListOrder): Keyset {
  return { sort, order, value: sort === 'score' ? row.score : row.createdAt.getTime(), id: row.id }
}

export function createConsultantRepository ({ db }: { db: Pick<Database, 'prisma' | 'sql'> }) {
  const { prisma } = db

  /** The lead a change applies to: it must exist and still hold its data. */
  async function changeableLead (tx: Tx, id: string): Promise<LeadRow> {
    const lead = await tx.lead.findUnique({ where: { id }, include: WITH_CAPABILITIES })
    if (!lead) throw new LeadNotFoundError()
    if (lead.erasedAt) throw new LeadErasedError()
    return lead
  }

  return {
    list (filter: LeadFilter, order: ListOrder, from: Keyset | undefined, take: number): Promise<ListedLead[]> {
      return listLeads(db.sql, filter, order, from, take)
    },

    /** Every matching lead, page by page: memory stays bounded by one page whatever the total. */
    async * stream (filter: LeadFilter, order: ListOrder, pageSize: number): AsyncGenerator<ExportedLead[]> {
      let from: Keyset | undefined
      for (;;) {
        const page = await exportLeads(db.sql, filter, order, from, pageSize)
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
