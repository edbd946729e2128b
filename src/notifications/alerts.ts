import type { Config } from '../config.ts'
import type { Sql } from '../db/sql.ts'
import { leadUrl } from './compose.ts'
import type { EmailVars } from './emails.ts'
import { enqueue } from './outbox.ts'

// Alerts to the consultant: one per reason and clock hour, however many failures the hour sees
// (the idempotency key names the period), so a broken SMTP server does not bury them in alerts.

const HOUR_MS = 3600 * 1000

/** The start of the UTC hour `now` falls in: the period an alert covers. */
export function alertPeriod (now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS)
}

export interface AlertInput {
  reason: EmailVars<'alert'>['reason']
  now: Date
  config: Pick<Config, 'mail' | 'publicBaseUrl'>
  kind: string | null
  errorCode: string | null
  leadId: string | null
}

/** Queues this period's alert for each consultant address, unless it is already queued. */
export async function queueAlert (sql: Sql, { reason, now, config, kind, errorCode, leadId }: AlertInput): Promise<void> {
  const period = alertPeriod(now)
  const since = `${period.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  await enqueue(sql, config.mail.notifyTo.map(recipient => ({
    kind: 'alert' as const,
    idempotencyKey: `alert:${reason}:${period.toISOString()}:${recipient.toLowerCase()}`,
    leadId: null,
    locale: config.mail.notifyLocale,
    to: { address: recipient },
    headers: { 'Auto-Submitted': 'auto-generated' },
    vars: { reason, since, kind, errorCode, leadUrl: leadId ? leadUrl(config.publicBaseUrl, leadId) : null }
  })), { now, from: config.mail.from })
}
