import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import { isUniqueViolation } from '../db/errors.ts'
import { queueAlert } from './alerts.ts'
import type { Mailer, OutgoingMessage } from './mailer.ts'
import { claimNext, isEmailName, jobPayload, settle, type EmailJob } from './outbox.ts'
import { errorCode, isPermanent, retryDelaySeconds } from './retry.ts'
import type { Renderer } from './templates.ts'

// The outbox worker: claims due jobs one at a time under a lease, renders and sends them, and
// records the outcome. Delivery is at least once: a worker that dies mid-send leaves its job to be
// taken again when the lease ends. Tests call drainOnce() with their own clock; start() polls.

export interface OutboxWorkerDeps {
  db: Pick<Database, 'sql'>
  mailer: Mailer
  renderer: Renderer
  config: Pick<Config, 'mail' | 'outbox' | 'publicBaseUrl'>
  log: { info: (obj: object, msg: string) => void, warn: (obj: object, msg: string) => void, error: (obj: object, msg: string) => void }
  clock?: () => Date
  random?: () => number
  workerId?: string
}

export interface DrainResult { sent: number, retried: number, failed: number }

class InvalidJobError extends Error {
  readonly code = 'invalid_job'
}

function parseJson (text: string): unknown {
  try { return JSON.parse(text) } catch { return undefined }
}

export function createOutboxWorker ({ db, mailer, renderer, config, log, clock = () => new Date(), random = Math.random, workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` }: OutboxWorkerDeps) {
  const { outbox } = config
  const policy = { maxAttempts: outbox.maxAttempts, baseDelaySeconds: outbox.retryBaseDelaySeconds, maxDelaySeconds: outbox.retryMaxDelaySeconds }
  let stopping = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<DrainResult> | undefined

  function message (job: EmailJob): OutgoingMessage {
    const payload = jobPayload.safeParse(parseJson(job.payload))
    if (!payload.success || !isEmailName(job.kind)) throw new InvalidJobError(`job ${job.id}: unreadable payload or unknown kind`)
    let rendered
    try {
      rendered = renderer.render(job.kind, payload.data.locale, payload.data.vars as never)
    } catch (err) {
      throw new InvalidJobError((err as Error).message)
    }
    return {
      from: config.mail.from,
      to: payload.data.to,
      ...(payload.data.replyTo ? { replyTo: payload.data.replyTo } : {}),
      ...rendered,
      messageId: job.messageId,
      headers: payload.data.headers,
      label: job.kind
    }
  }

  async function deliver (job: EmailJob, result: DrainResult): Promise<void> {
    const attempt = job.attempts + 1
    try {
      const { file } = await mailer.send(message(job))
      const now = clock()
      await settle(db.sql, job, workerId, { status: 'sent', attempts: attempt, sentAt: now },
        { now, type: 'email_sent', data: { kind: job.kind, deliveryId: job.id, attempt } })
      result.sent += 1
      log.info({ deliveryId: job.id, kind: job.kind, attempt, ...(file ? { file } : {}) }, file ? 'email written to file' : 'email sent')
    } catch (err) {
      const now = clock()
      const code = errorCode(err)
      const lastError = `${code}: ${String((err as Error)?.message ?? err)}`.slice(0, 1000)
      if (!isPermanent(err) && attempt < policy.maxAttempts) {
        const delay = retryDelaySeconds(attempt, policy, random)
        await settle(db.sql, job, workerId, { status: 'pending', attempts: attempt, nextAttemptAt: new Date(now.getTime() + delay * 1000), lastError }, null)
        result.retried += 1
        log.warn({ deliveryId: job.id, kind: job.kind, attempt, errorCode: code, retryInSeconds: delay }, 'email deferred')
        return
      }
      const settled = await settle(db.sql, job, workerId, { status: 'failed', attempts: attempt, lastError },
        { now, type: 'email_failed', data: { kind: job.kind, deliveryId: job.id, attempt, errorCode: code } })
      result.failed += 1
      log.error({ deliveryId: job.id, kind: job.kind, attempt, errorCode: code }, 'email failed for good')
      // An alert that fails raises no alert of its own: that would loop on a broken server.
      if (settled && job.kind !== 'alert') await raiseAlert(job, code, now)
    }
  }

  async function raiseAlert (job: EmailJob, code: string, now: Date): Promise<void> {
    try {
      await queueAlert(db.sql, { reason: 'delivery_failed', now, config, kind: job.kind, errorCode: code, leadId: job.leadId })
    } catch (err) {
      // Another worker queued this period's alert at the same moment: one alert is the point.
      if (!isUniqueViolation(err)) throw err
    }
  }

  async function drain (): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 }
    while (!stopping) {
      const now = clock()
      const job = await claimNext(db.sql, { workerId, now, until: new Date(now.getTime() + outbox.leaseSeconds * 1000) })
      if (!job) break
      await deliver(job, result)
    }
    return result
  }

  function schedule (): void {
    if (stopping) return
    timer = setTimeout(() => {
      running = drain()
      running.catch(err => log.error({ err }, 'outbox worker: drain failed; trying again at the next poll'))
        .finally(() => { running = undefined; schedule() })
    }, outbox.pollIntervalSeconds * 1000)
  }

  return {
    workerId,
    /** Sends every job due now (including those queued meanwhile, such as alerts), then resolves. */
    drainOnce (): Promise<DrainResult> {
      running = drain()
      return running.finally(() => { running = undefined })
    },
    /** Polls for due jobs every WORKER_POLL_INTERVAL seconds until stop(). */
    start (): void {
      stopping = false
      schedule()
    },
    /** Stops polling and waits for the job in hand to be settled: no claim is left behind. */
    async stop (): Promise<void> {
      stopping = true
      clearTimeout(timer)
      await running?.catch(() => {})
    }
  }
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>
