import { randomUUID } from 'node:crypto'
import type { Tx } from '../db/client.ts'

// Erasure for privacy law (GDPR art. 17, Morocco's law 09-08): every piece of personal data about
// the person goes; an anonymous record stays (status, classification codes, dates) so the figures
// still add up, and the timeline says when and why, without saying who.

/** Timeline events whose data may quote free text typed about the person. */
const FREE_TEXT_EVENTS = new Set(['updated'])
/** E-mail jobs the worker must no longer pick up: their payload is gone. */
const UNSENT = ['pending', 'failed']

export interface ErasureReason { actor: string, reason: 'request' | 'retention', rule?: string }

/** Keeps the classification's codes and numbers, drops the words quoted from the message. */
function anonymousClassification (json: string | null): string | null {
  if (!json) return null
  try {
    const c = JSON.parse(json) as { confidence?: unknown, scoreReasons?: Array<{ code?: unknown, points?: unknown }> }
    return JSON.stringify({
      confidence: c.confidence ?? null,
      evidence: null,
      scoreReasons: Array.isArray(c.scoreReasons) ? c.scoreReasons.map(r => ({ code: r.code, points: r.points })) : null
    })
  } catch {
    return null
  }
}

/** Erases one lead inside the caller's transaction; false when it already was. */
export async function eraseLead (tx: Tx, leadId: string, now: Date, why: ErasureReason): Promise<boolean> {
  const lead = await tx.lead.findUnique({ where: { id: leadId }, select: { erasedAt: true, classification: true } })
  if (!lead || lead.erasedAt) return false
  await tx.lead.update({
    where: { id: leadId },
    data: {
      fullName: '',
      email: '',
      phone: null,
      company: null,
      details: '',
      projectTypeRaw: null,
      searchText: '',
      ipHash: null,
      userAgent: null,
      // Page and referrer URLs can carry the visitor's e-mail or a personal token in their query.
      pageUrl: null,
      referrer: null,
      dedupeKey: null,
      consentVersion: null,
      lostReason: null,
      tags: '[]',
      assignee: null,
      classification: anonymousClassification(lead.classification),
      erasedAt: now,
      lastActivityAt: now,
      version: { increment: 1 }
    }
  })
  await tx.note.updateMany({ where: { leadId }, data: { body: '' } })
  const events = await tx.leadEvent.findMany({ where: { leadId, type: { in: [...FREE_TEXT_EVENTS] } }, select: { id: true, data: true } })
  for (const event of events) {
    const { field } = JSON.parse(event.data) as { field?: unknown }
    await tx.leadEvent.update({ where: { id: event.id }, data: { data: JSON.stringify({ field }) } })
  }
  await tx.emailJob.updateMany({ where: { leadId, status: { in: UNSENT } }, data: { status: 'cancelled', lockedBy: null, lockedUntil: null } })
  // The bounce text of a failed delivery often quotes the address.
  await tx.emailJob.updateMany({ where: { leadId }, data: { recipient: '', payload: '{}', lastError: null } })
  await tx.idempotencyRecord.deleteMany({ where: { leadId } })
  await tx.leadEvent.create({
    data: {
      id: randomUUID(),
      leadId,
      createdAt: now,
      type: 'erased',
      actor: why.actor,
      data: JSON.stringify(why.rule ? { reason: why.reason, rule: why.rule } : { reason: why.reason })
    }
  })
  return true
}
