import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { LOCALES } from '../classification/taxonomy.ts'
import type { Database, Prisma } from '../db/client.ts'
import { insertMany } from '../db/insert-many.ts'
import { placeholders, prismaSql, type Sql } from '../db/sql.ts'
import { EMAIL_NAMES, type EmailName, type EmailVars } from './emails.ts'

// The outbox's data access: jobs are written in the caller's transaction, then claimed, settled
// and released by workers. A job is `pending` until it is `sent` or `failed`; a worker owns a
// pending job while lockedBy/lockedUntil say so (its lease), and anyone may take it once the lease ends.

export type EmailJob = Prisma.EmailJobGetPayload<object>

const address = z.object({ name: z.string().optional(), address: z.string() })

/** What a job row's payload holds: who, in which language, and the variables to render at send time. */
export const jobPayload = z.object({
  locale: z.enum(LOCALES),
  to: address,
  replyTo: address.nullable(),
  headers: z.record(z.string(), z.string()),
  vars: z.unknown()
})
export type JobPayload = z.infer<typeof jobPayload>

export interface NewJob<N extends EmailName> {
  kind: N
  /** Unique per lead and email (or per alert period): queuing the same key twice queues one job. */
  idempotencyKey: string
  leadId: string | null
  locale: JobPayload['locale']
  to: JobPayload['to']
  replyTo?: JobPayload['replyTo']
  headers?: JobPayload['headers']
  vars: EmailVars<N>
}

/** The Message-ID every attempt of a job will carry (RFC 5322 §3.6.4), in the sender's domain. */
export function newMessageId (from: string): string {
  return `<${randomUUID()}@${from.slice(from.lastIndexOf('@') + 1)}>`
}

export type AnyNewJob = { [N in EmailName]: NewJob<N> }[EmailName]

/**
 * Queues jobs, with an 'email_queued' event for those that belong to a lead, in three statements
 * whatever their number (intake writes leads in batches). A key already queued is skipped.
 */
export async function enqueue (sql: Sql, jobs: AnyNewJob[], { now, from }: { now: Date, from: string }): Promise<void> {
  if (jobs.length === 0) return
  const keys = jobs.map(j => j.idempotencyKey)
  const taken = new Set((await sql.all<{ idempotencyKey: string }>(
    `SELECT "idempotencyKey" FROM "EmailJob" WHERE "idempotencyKey" IN (${placeholders(keys)})`, keys)).map(j => j.idempotencyKey))
  const rows = jobs.filter(j => !taken.has(j.idempotencyKey)).map(job => {
    const payload: JobPayload = { locale: job.locale, to: job.to, replyTo: job.replyTo ?? null, headers: job.headers ?? {}, vars: job.vars }
    return {
      id: randomUUID(),
      leadId: job.leadId,
      createdAt: now,
      kind: job.kind,
      idempotencyKey: job.idempotencyKey,
      // Lower case so the per-address cap counts one mailbox once, however it was typed.
      recipient: job.to.address.toLowerCase(),
      messageId: newMessageId(from),
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      updatedAt: now
    }
  })
  await insertMany(sql, 'EmailJob', rows)
  await insertMany(sql, 'LeadEvent', rows.flatMap(r => r.leadId ? [eventRow(r.leadId, now, 'email_queued', { kind: r.kind, deliveryId: r.id })] : []))
}

/** Timeline rows carry the kind, delivery id, attempt and error code: never an address or a message. */
function eventRow (leadId: string, now: Date, type: string, data: Record<string, string | number>) {
  return { id: randomUUID(), leadId, createdAt: now, type, actor: 'system', data: JSON.stringify(data) }
}

export interface TimelineEvent { leadId: string, now: Date, type: string, data: Record<string, string | number> }

export async function recordEvents (sql: Sql, events: TimelineEvent[]): Promise<void> {
  await insertMany(sql, 'LeadEvent', events.map(e => eventRow(e.leadId, e.now, e.type, e.data)))
}


/** Acknowledgements queued since a time, all of them. */
export async function countAcks (sql: Sql, { since }: { since: Date }): Promise<number> {
  const [row] = await sql.all<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "EmailJob" WHERE "kind" = 'ack' AND "createdAt" >= ?`, [since])
  return Number(row?.n ?? 0)
}

/** Acknowledgements queued since a time to each of these (lower-cased) addresses, in one query. */
export async function countAcksByRecipient (sql: Sql, { recipients, since }: { recipients: string[], since: Date }): Promise<Array<{ recipient: string, count: number }>> {
  if (recipients.length === 0) return []
  const groups = await sql.all<{ recipient: string, n: unknown }>(
    `SELECT "recipient", COUNT(*) AS "n" FROM "EmailJob" WHERE "kind" = 'ack' AND "createdAt" >= ? AND "recipient" IN (${placeholders(recipients)}) GROUP BY "recipient"`,
    [since, ...recipients])
  return groups.map(g => ({ recipient: g.recipient, count: Number(g.n) }))
}

const EMAIL_KINDS: readonly string[] = EMAIL_NAMES
export const isEmailName = (kind: string): kind is EmailName => EMAIL_KINDS.includes(kind)

/**
 * Takes the next due job for `workerId` until `until`, or returns null. Due: pending, its next
 * attempt time reached, and no live lease. One atomic conditional update either way, so two
 * workers never hold the same job: on PostgreSQL FOR UPDATE SKIP LOCKED lets them pass each
 * other without waiting; SQLite runs one writer at a time, and the update re-checks the condition.
 */
export async function claimNext (db: Database, { workerId, now, until }: { workerId: string, now: Date, until: Date }): Promise<EmailJob | null> {
  if (db.kind === 'postgres') {
    // Timestamps go in as ISO text cast to timestamp: Prisma keeps UTC in "timestamp without time zone".
    const n = now.toISOString()
    const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE "EmailJob" SET "lockedBy" = ${workerId}, "lockedUntil" = ${until.toISOString()}::timestamp, "updatedAt" = ${n}::timestamp
      WHERE "id" = (
        SELECT "id" FROM "EmailJob"
        WHERE "status" = 'pending' AND "nextAttemptAt" <= ${n}::timestamp AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${n}::timestamp)
        ORDER BY "nextAttemptAt" LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING "id"`
    const id = rows[0]?.id
    return id ? db.prisma.emailJob.findUnique({ where: { id } }) : null
  }
  const due = { status: 'pending', nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] }
  for (;;) {
    const next = await db.prisma.emailJob.findFirst({ where: due, orderBy: { nextAttemptAt: 'asc' }, select: { id: true } })
    if (!next) return null
    const { count } = await db.prisma.emailJob.updateMany({ where: { id: next.id, ...due }, data: { lockedBy: workerId, lockedUntil: until } })
    if (count === 1) return db.prisma.emailJob.findUnique({ where: { id: next.id } })
    // Another worker took it between the read and the update: look again.
  }
}

export type Settlement =
  | { status: 'sent', attempts: number, sentAt: Date }
  | { status: 'pending', attempts: number, nextAttemptAt: Date, lastError: string }
  | { status: 'failed', attempts: number, lastError: string }

/**
 * Records the outcome of an attempt and releases the lease, with its timeline event, in one
 * transaction; false (and nothing written) when the lease was lost to another worker meanwhile.
 */
export async function settle (db: Database, job: EmailJob, workerId: string, outcome: Settlement,
  event: { now: Date, type: string, data: Record<string, string | number> } | null): Promise<boolean> {
  const release = async (client: Pick<Database['prisma'], 'emailJob'>) =>
    (await client.emailJob.updateMany({ where: { id: job.id, lockedBy: workerId }, data: { ...outcome, lockedBy: null, lockedUntil: null } })).count === 1
  if (!event || !job.leadId) return release(db.prisma)
  const leadId = job.leadId
  return db.prisma.$transaction(async tx => {
    if (!await release(tx)) return false
    await recordEvents(prismaSql(tx, db.kind), [{ leadId, ...event }])
    return true
  })
}
