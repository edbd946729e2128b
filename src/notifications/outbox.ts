import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { LOCALES } from '../classification/taxonomy.ts'
import type { Prisma } from '../db/client.ts'
import { insertMany } from '../db/insert-many.ts'
import { decodeRow, placeholders, type Sql, type SqlDatabase, type SqlValue } from '../db/sql.ts'
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

const JOB_DATES = ['createdAt', 'updatedAt', 'nextAttemptAt', 'lockedUntil', 'sentAt']

/**
 * Takes the next due job for `workerId` until `until`, or returns null. Due: pending, its next
 * attempt time reached, and no live lease. One atomic conditional update either way, so two
 * workers never hold the same job: on PostgreSQL FOR UPDATE SKIP LOCKED lets them pass each
 * other without waiting; SQLite runs one writer at a time and takes its write lock before reading.
 */
export async function claimNext (sql: Sql, { workerId, now, until }: { workerId: string, now: Date, until: Date }): Promise<EmailJob | null> {
  const [row] = await sql.all(`
    UPDATE "EmailJob" SET "lockedBy" = ?, "lockedUntil" = ?, "updatedAt" = ?
    WHERE "id" = (
      SELECT "id" FROM "EmailJob"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ? AND ("lockedUntil" IS NULL OR "lockedUntil" <= ?)
      ORDER BY "nextAttemptAt" LIMIT 1${sql.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''})
    RETURNING *`, [workerId, until, now, now, now])
  return row ? decodeRow<EmailJob>(row, { dates: JOB_DATES }) : null
}

export type Settlement =
  | { status: 'sent', attempts: number, sentAt: Date }
  | { status: 'pending', attempts: number, nextAttemptAt: Date, lastError: string }
  | { status: 'failed', attempts: number, lastError: string }

/**
 * Records the outcome of an attempt and releases the lease, with its timeline event, in one
 * transaction; false (and nothing written) when the lease was lost to another worker meanwhile.
 */
export async function settle (db: SqlDatabase, job: EmailJob, workerId: string, outcome: Settlement,
  event: { now: Date, type: string, data: Record<string, string | number> } | null): Promise<boolean> {
  const fields: Record<string, SqlValue> = { ...outcome, lockedBy: null, lockedUntil: null, updatedAt: new Date() }
  const columns = Object.keys(fields)
  const release = async (sql: Sql) => await sql.run(
    `UPDATE "EmailJob" SET ${columns.map(c => `"${c}" = ?`).join(', ')} WHERE "id" = ? AND "lockedBy" = ?`,
    [...columns.map(c => fields[c]!), job.id, workerId]) === 1
  if (!event || !job.leadId) return release(db)
  const leadId = job.leadId
  return db.transaction(async tx => {
    if (!await release(tx)) return false
    await recordEvents(tx, [{ leadId, ...event }])
    return true
  })
}
