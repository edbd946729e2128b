import type { Config } from '../config.ts'
import { LOCALES, type Locale } from '../classification/taxonomy.ts'
import type { CreatedLead, NewLeadsHook, StoredLead } from '../leads/service.ts'
import { placeholders, type Sql } from '../db/sql.ts'
import { consultantVars, firstName, type AckOutcome } from './compose.ts'
import { countAcks, countAcksByRecipient, enqueue, recordEvents, type AnyNewJob } from './outbox.ts'
import { alertPeriod, queueAlert } from './alerts.ts'

// The notifications new (non-spam, non-duplicate) leads owe, written as outbox jobs inside the
// leads' own transaction: either a lead and all its jobs exist, or none do. Intake calls it for
// each batch of new leads; the consultant API calls the same function when a lead marked spam
// turns out not to be. The statements it runs do not grow with the batch.

export interface NotificationHookDeps {
  config: Pick<Config, 'mail' | 'ack' | 'publicBaseUrl'>
  clock?: () => Date
}

// Any constant shared by every instance: the key of the transaction-scoped advisory lock.
const ACK_CAPS_LOCK = 4_172_001

const DAY_MS = 24 * 3600 * 1000

export function createNotificationHook ({ config, clock = () => new Date() }: NotificationHookDeps): NewLeadsHook {
  const { mail, ack } = config

  /**
   * Whether each lead's acknowledgement may go, in the order the leads came: the caps are counted
   * once for the whole batch (a rolling day per address, the clock hour overall), then spent lead
   * by lead, so a batch never queues past them.
   */
  async function acknowledgements (tx: Sql, leads: StoredLead[], now: Date): Promise<AckOutcome[]> {
    if (!ack.enabled) return leads.map(() => 'disabled')
    // Held until this transaction ends, so two transactions never both spend the last unit of a
    // cap. SQLite has one writer at a time already.
    if (tx.kind === 'postgres') await tx.run(`SELECT pg_advisory_xact_lock(${ACK_CAPS_LOCK})`)
    const addresses = [...new Set(leads.map(l => l.email.toLowerCase()))]
    const perAddress = new Map((await countAcksByRecipient(tx, { recipients: addresses, since: new Date(now.getTime() - DAY_MS) }))
      .map(c => [c.recipient, c.count]))
    let thisHour = await countAcks(tx, { since: alertPeriod(now) })
    return leads.map(lead => {
      const address = lead.email.toLowerCase()
      const sent = perAddress.get(address) ?? 0
      if (sent >= ack.dailyLimitPerAddress) return 'address_limit'
      if (thisHour >= ack.hourlyLimit) return 'hourly_limit'
      perAddress.set(address, sent + 1)
      thisHour++
      return 'queued'
    })
  }

  /** Capabilities come with the classification; a lead without one (accepted out of spam) has them stored. */
  async function capabilitiesOf (tx: Sql, created: CreatedLead[]): Promise<Map<string, string[]>> {
    const missing = created.filter(c => !c.classification).map(c => c.lead.id)
    const stored = missing.length > 0
      ? await tx.all<{ leadId: string, capability: string }>(
        `SELECT "leadId", "capability" FROM "LeadCapability" WHERE "leadId" IN (${placeholders(missing)}) ORDER BY "capability"`, missing)
      : []
    const byLead = new Map<string, string[]>(created.filter(c => c.classification).map(c => [c.lead.id, c.classification!.capabilities]))
    for (const { leadId, capability } of stored) byLead.set(leadId, [...byLead.get(leadId) ?? [], capability])
    return byLead
  }

  return async function onLeadsCreated (created, tx) {
    const now = clock()
    const outcomes = await acknowledgements(tx, created.map(c => c.lead), now)
    const capabilities = await capabilitiesOf(tx, created)
    const jobs: AnyNewJob[] = []
    const skipped: Array<{ leadId: string, reason: AckOutcome }> = []

    created.forEach(({ lead }, i) => {
      const ackOutcome = outcomes[i]!
      const vars = consultantVars(lead, { locale: mail.notifyLocale, publicBaseUrl: config.publicBaseUrl, capabilities: capabilities.get(lead.id) ?? [], acknowledgement: ackOutcome })
      // One job per consultant address: each delivery has its own state, and a bounce at one
      // address never resends to the others.
      for (const recipient of mail.notifyTo) {
        jobs.push({
          kind: 'consultant',
          idempotencyKey: `lead:${lead.id}:consultant:${recipient.toLowerCase()}`,
          leadId: lead.id,
          locale: mail.notifyLocale,
          to: { address: recipient },
          // The consultant replies straight to the prospect.
          replyTo: { name: lead.fullName, address: lead.email },
          vars
        })
      }
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
      } else if (ackOutcome !== 'disabled') {
        skipped.push({ leadId: lead.id, reason: ackOutcome })
      }
    })

    await enqueue(tx, jobs, { now, from: mail.from })
    if (skipped.length > 0) {
      await recordEvents(tx, skipped.map(({ leadId, reason }) => ({ leadId, now, type: 'email_skipped', data: { kind: 'ack', reason } })))
      if (skipped.some(s => s.reason === 'hourly_limit')) {
        await queueAlert(tx, { reason: 'ack_hourly_limit', now, config, kind: null, errorCode: null, leadId: null })
      }
    }
  }
}
