import t from 'tap'
import { loadConfig } from '../../src/config.ts'
import { openDatabase } from '../../src/db/client.ts'
import { createMailer } from '../../src/notifications/mailer.ts'
import { enqueue } from '../../src/notifications/outbox.ts'
import { createRenderer } from '../../src/notifications/templates.ts'
import { createOutboxWorker } from '../../src/notifications/worker.ts'
import { freshDatabase, testDatabases } from '../helpers/databases.ts'
import { memoryLog, startSmtp } from './helpers.ts'

// Two workers, each with its own connection pool as two processes would have, drain one outbox
// side by side: every job is delivered exactly once.

const JOBS = 500

// PostgreSQL only: several workers on one SQLite file is not a supported deployment (one writer at a time).
for (const kind of testDatabases().filter(k => k === 'postgres')) {
  t.test(`${kind}: two workers over ${JOBS} jobs deliver ${JOBS} messages, no Message-ID twice`, async t => {
    const smtp = await startSmtp()
    const database = await freshDatabase(kind)
    const config = loadConfig({ DATABASE_URL: database.url, SMTP_URL: smtp.url, MAIL_FROM: 'leads@leadline.test' })
    const [dbA, dbB] = [await openDatabase({ url: database.url, poolSize: 4 }), await openDatabase({ url: database.url, poolSize: 4 })]
    const [mailerA, mailerB] = [createMailer(config.mail), createMailer(config.mail)]
    t.teardown(async () => {
      mailerA.close(); mailerB.close()
      await dbA.close(); await dbB.close()
      await database.drop(); await smtp.close()
    })

    // Queued in one transaction: the test is about the workers, not about queuing speed.
    const now = new Date()
    await dbA.prisma.$transaction(async tx => {
      for (let i = 0; i < JOBS; i++) {
        await enqueue(tx, {
          kind: 'ack', idempotencyKey: `load:${i}`, leadId: null, locale: 'en',
          to: { address: `prospect${i}@example.ma` }, vars: { firstName: null, signature: 'Leadline' }
        }, { now, from: config.mail.from })
      }
    }, { timeout: 120_000 })

    const renderer = createRenderer()
    const worker = (db: typeof dbA, mailer: typeof mailerA, workerId: string) =>
      createOutboxWorker({ db, mailer, renderer, config, log: memoryLog(), workerId })
    const [a, b] = await Promise.all([worker(dbA, mailerA, 'worker-a').drainOnce(), worker(dbB, mailerB, 'worker-b').drainOnce()])
    t.comment(`worker-a sent ${a.sent}, worker-b sent ${b.sent}`)

    t.equal(a.sent + b.sent, JOBS, 'every job sent by one worker or the other')
    t.equal(a.failed + b.failed + a.retried + b.retried, 0)
    t.equal(smtp.received.length, JOBS, `${JOBS} deliveries`)
    t.equal(new Set(smtp.received.map(r => r.mail.messageId)).size, JOBS, 'no Message-ID delivered twice')
    t.equal(new Set(smtp.received.map(r => r.envelope.to[0])).size, JOBS, 'no recipient served twice')
    t.equal(await dbA.prisma.emailJob.count({ where: { status: 'sent', attempts: 1, lockedBy: null } }), JOBS)
  })
}
