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

// 500 real SMTP deliveries and 1 500 database round trips: minutes on a loaded 2-core machine, so
// this file gets more than the suite's default 120 s. It measures nothing about time.
t.setTimeout(600_000)

const JOBS = 500

// PostgreSQL only: several workers on one SQLite file is not a supported deployment (one writer at a time).
for (const kind of testDatabases().filter(k => k === 'postgres')) {
  t.test(`${kind}: two workers over ${JOBS} jobs deliver ${JOBS} messages, no Message-ID twice`, async t => {
    const smtp = await startSmtp({ parse: false })
    const database = await freshDatabase(kind)
    const config = loadConfig({ DATABASE_URL: database.url, SMTP_URL: smtp.url, MAIL_FROM: 'leads@leadline.test' })
    const [dbA, dbB] = [await openDatabase({ url: database.url, poolSize: 4 }), await openDatabase({ url: database.url, poolSize: 4 })]
    const [mailerA, mailerB] = [createMailer(config.mail), createMailer(config.mail)]
    t.teardown(async () => {
      mailerA.close(); mailerB.close()
      await dbA.close(); await dbB.close()
      await database.drop(); await smtp.close()
    })

    await enqueue(dbA.sql, Array.from({ length: JOBS }, (_, i) => ({
      kind: 'ack' as const, idempotencyKey: `load:${i}`, leadId: null, locale: 'en' as const,
      to: { address: `prospect${i}@example.ma` }, vars: { firstName: null, signature: 'Leadline' }
    })), { now: new Date(), from: config.mail.from })

    const renderer = createRenderer()
    const worker = (db: typeof dbA, mailer: typeof mailerA, workerId: string) =>
      createOutboxWorker({ db, mailer, renderer, config, log: memoryLog(), workerId })
    const [a, b] = await Promise.all([worker(dbA, mailerA, 'worker-a').drainOnce(), worker(dbB, mailerB, 'worker-b').drainOnce()])
    t.comment(`worker-a sent ${a.sent}, worker-b sent ${b.sent}`)

    t.equal(a.sent + b.sent, JOBS, 'every job sent by one worker or the other')
    t.equal(a.failed + b.failed + a.retried + b.retried, 0)
    t.equal(smtp.accepted.length, JOBS, `${JOBS} deliveries`)
    t.equal(new Set(smtp.accepted.map(r => r.messageId)).size, JOBS, 'no Message-ID delivered twice')
    t.equal(new Set(smtp.accepted.map(r => r.envelope.to[0])).size, JOBS, 'no recipient served twice')
    t.equal(await dbA.prisma.emailJob.count({ where: { status: 'sent', attempts: 1, lockedBy: null } }), JOBS)
  })
}
