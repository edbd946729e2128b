import type { Config } from '../config.ts'
import { LOCALES, type Locale } from '../classification/taxonomy.ts'
import type { NewLeadHook, StoredLead } from '../leads/service.ts'
import type { Tx } from '../db/client.ts'
import { consultantVars, firstName, type AckOutcome } from './compose.ts'
import { countAcks, enqueue, recordEvent, type AnyNewJob } from './outbox.ts'
import { alertPeriod, queueAlert } from './alerts.ts'

// The notifications a new (non-spam, non-duplicate) lead owes, written as outbox jobs inside the
// lead's own transaction: either the lead and all its jobs exist, or none do. Intake calls it for
// new leads; the consultant API calls the same function when a lead marked spam turns out not to be.

export interface NotificationHookDeps {
  config: Pick<Config, 'mail' | 'ack' | 'publicBaseUrl'>
  clock?: () => Date
}

const DAY_MS = 24 * 3600 * 1000

export function createNotificationHook ({ config, clock = () => new Date() }: NotificationHookDeps): NewLeadHook['onLeadCreated'] {
  const { mail, ack } = config

  async function acknowledgement (tx: Tx, lead: StoredLead, now: Date): Promise<AckOutcome> {
    if (!ack.enabled) return 'disabled'
    if (await countAcks(tx, { recipient: lead.email, since: new Date(now.getTime() - DAY_MS) }) >= ack.dailyLimitPerAddress) return 'address_limit'
    if (await countAcks(tx, { since: alertPeriod(now) }) >= ack.hourlyLimit) return 'hourly_limit'
    return 'queued'
  }

  return async function onLeadCreated (lead, classification, tx) {
    const now = clock()
    const ackOutcome = await acknowledgement(tx, lead, now)
    const capabilities = classification?.capabilities ??
      (await tx.leadCapability.findMany({ where: { leadId: lead.id }, select: { capability: true } })).map(c => c.capability)
    const vars = consultantVars(lead, { locale: mail.notifyLocale, publicBaseUrl: config.publicBaseUrl, capabilities, acknowledgement: ackOutcome })

    // One job per consultant address: each delivery has its own state, and a bounce at one
    // address never resends to the others.
    const jobs: AnyNewJob[] = mail.notifyTo.map(recipient => ({
      kind: 'consultant' as const,
      idempotencyKey: `lead:${lead.id}:consultant:${recipient.toLowerCase()}`,
      leadId: lead.id,
      locale: mail.notifyLocale,
      to: { address: recipient },
      // The consultant replies straight to the prospect.
      replyTo: { name: lead.fullName, address: lead.email },
      vars
    }))
    if (ackOutcome === 'queued') {
      jobs.push({
        kind: 'ack',
        idempotencyKey: `lead:${lead.id}:ack`,
        leadId: lead.id,
        locale: (LOCALES as readonly string[]).includes(lead.locale) ? lead.locale as Locale : mail.notifyLocale,
        // The address alone: a display name would carry the form's text to whoever owns the mailbox.
        to: { address: lead.email },
        replyTo: { address: mail.notifyTo[0]! },
        // RFC 3834: an automatic reply, so autoresponders do not answer it.
        headers: { 'Auto-Submitted': 'auto-replied' },
        vars: { firstName: firstName(lead.fullName), signature: mail.signature }
      })
    }
    await enqueue(tx, jobs, { now, from: mail.from })
    if (ackOutcome !== 'queued' && ackOutcome !== 'disabled') {
      await recordEvent(tx, lead.id, now, 'email_skipped', { kind: 'ack', reason: ackOutcome })
      if (ackOutcome === 'hourly_limit') await queueAlert(tx, { reason: 'ack_hourly_limit', now, config, kind: null, errorCode: null, leadId: null })
    }
  }
}
