import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import { createNotificationHook } from './hook.ts'
import { createMailer, type Mailer } from './mailer.ts'
import { createRenderer } from './templates.ts'
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerDeps } from './worker.ts'

// The notifications feature assembled: the hook intake runs in a lead's transaction, and the
// worker that delivers what it queued, over the process's one mail transport.

export { createNotificationHook } from './hook.ts'
export type { OutboxWorker, DrainResult } from './worker.ts'
export type { Mailer, OutgoingMessage } from './mailer.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox worker of this app (started by it when WORKER_IN_PROCESS is on). */
    outbox: OutboxWorker
  }
}

export interface NotificationsDeps {
  db: Database
  config: Pick<Config, 'mail' | 'ack' | 'outbox' | 'publicBaseUrl'>
  log: OutboxWorkerDeps['log']
  clock?: () => Date
  /** By default SMTP from SMTP_URL, or .eml files under MAIL_DIR. */
  mailer?: Mailer
}

export function createNotifications ({ db, config, log, clock, mailer = createMailer(config.mail) }: NotificationsDeps) {
  const worker = createOutboxWorker({ db, mailer, renderer: createRenderer(), config, log, clock })
  return {
    onLeadsCreated: createNotificationHook({ config, clock }),
    worker,
    /** Stops the worker (its job in hand settled), then closes the transport. */
    async close (): Promise<void> {
      await worker.stop()
      mailer.close()
    }
  }
}
