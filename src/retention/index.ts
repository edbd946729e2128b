import type { Database, Prisma } from '../db/client.ts'
import { eraseLead } from '../consultant/erasure.ts'

// The retention policy (issue 5): personal data is kept no longer than needed (GDPR art. 5(1)(e),
// law 09-08 art. 3). Spam is erased some days after it arrived; any other lead some days after its
// last activity. Erasure keeps the anonymous record and writes an 'erased' timeline event with the
// rule that applied. The worker calls applyRetention periodically with the current time.

export interface RetentionPolicy {
  /** Days after creation before a spam lead is erased; 0 keeps spam forever. */
  spamDays: number
  /** Days after the last activity before any lead is erased; 0 keeps leads forever. */
  leadDays: number
}

export interface RetentionResult { spam: number, inactive: number }

const DAY_MS = 86_400_000
const BATCH = 200

async function eraseAll (db: Pick<Database, 'prisma'>, where: Prisma.LeadWhereInput, now: Date, rule: string): Promise<number> {
  let erased = 0
  for (;;) {
    const batch = await db.prisma.lead.findMany({ where: { ...where, erasedAt: null }, select: { id: true }, orderBy: { id: 'asc' }, take: BATCH })
    for (const { id } of batch) {
      // One transaction per lead: a failure leaves every other lead either erased or untouched.
      const done = await db.prisma.$transaction(tx => eraseLead(tx, id, now, { actor: 'retention', reason: 'retention', rule }))
      if (done) erased++
    }
    if (batch.length < BATCH) return erased
  }
}

/** Erases what the policy says has been kept long enough at `now`; returns how many leads per rule. */
export async function applyRetention (db: Pick<Database, 'prisma'>, policy: RetentionPolicy, now: Date): Promise<RetentionResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const spam = policy.spamDays > 0 ? await eraseAll(db, { spam: true, createdAt: { lt: before(policy.spamDays) } }, now, 'spam') : 0
  const inactive = policy.leadDays > 0 ? await eraseAll(db, { lastActivityAt: { lt: before(policy.leadDays) } }, now, 'inactive') : 0
  return { spam, inactive }
}
