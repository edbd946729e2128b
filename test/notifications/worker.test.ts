import t, { type Test } from 'tap'
import type { DatabaseKind } from '../../src/db/url.ts'
import { createMailer } from '../../src/notifications/mailer.ts'
import { claimNext } from '../../src/notifications/outbox.ts'
import { createRenderer } from '../../src/notifications/templates.ts'
import { createOutboxWorker } from '../../src/notifications/worker.ts'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { validLead } from '../helpers/leads.ts'
import { manualClock, memoryLog, startSmtp, type SinkOptions } from './helpers.ts'

// The outbox worker against an SMTP server that fails on purpose, driven by drainOnce() and a
// clock that moves only when the test says. Randomness is fixed at 0.5: jitter factor exactly 1.

const CONSULTANT = 'consultant@leadline.test'

async function setup (t: Test, kind: DatabaseKind, sink: SinkOptions, env: Record<string, string> = {}) {
  const smtp = await startSmtp(sink)
  const clock = manualClock()
  const h = await buildTestApp({ kind, clock: clock.now, env: { NOTIFY_TO: CONSULTANT, MAIL_FROM: 'leads@leadline.test', SMTP_URL: smtp.url, ...env } })
  const mailer = createMailer(h.config.mail)
  const log = memoryLog()
  const worker = createOutboxWorker({ db: h.db, mailer, renderer: createRenderer(), config: h.config, log, clock: clock.now, random: () => 0.5, workerId: 'worker-a' })
  t.teardown(async () => { await worker.stop(); mailer.close(); await h.close(); await smtp.close() })
  const post = async (payload: Record<string, unknown>) => {
    const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload })
    if (res.statusCode !== 201) throw new Error(res.body)
    return res.json().id as string
  }
  return { smtp, clock, h, worker, log, post }
}

for (const kind of testDatabases()) {
  t.test(`${kind}: a server answering 451 twice then accepting gets the message once, on the third attempt`, async t => {
    const messageIds: string[] = []
    const { smtp, clock, h, worker, post } = await setup(t, kind, {
      data: (mail, attempt) => {
        messageIds.push(mail.messageId!)
        return attempt <= 2 ? { code: 451, message: '4.3.0 Try again later' } : null
      }
    }, { ACK_ENABLED: 'false' })
    const leadId = await post(validLead())
    const start = clock.now().getTime()
    const job = () => h.db.prisma.emailJob.findFirstOrThrow({ where: { leadId } })

    t.same(await worker.drainOnce(), { sent: 0, retried: 1, failed: 0 }, 'attempt 1: deferred')
    let j = await job()
    t.match(j, { status: 'pending', attempts: 1, lockedBy: null, lastError: /^smtp_451: / })
    t.equal(j.nextAttemptAt.getTime() - start, 420_000, 'retry 1 after the base delay, 420 s')

    t.same(await worker.drainOnce(), { sent: 0, retried: 0, failed: 0 }, 'not due yet: nothing happens')
    clock.advance(420)
    t.same(await worker.drainOnce(), { sent: 0, retried: 1, failed: 0 }, 'attempt 2: deferred')
    j = await job()
    t.equal(j.nextAttemptAt.getTime() - clock.now().getTime(), 840_000, 'retry 2 after twice the base delay, 840 s')

    clock.advance(840)
    t.same(await worker.drainOnce(), { sent: 1, retried: 0, failed: 0 }, 'attempt 3: delivered')
    j = await job()
    t.match(j, { status: 'sent', attempts: 3, lockedBy: null })
    t.equal(smtp.received.length, 1, 'one delivery')
    t.equal(smtp.offered, 3)
    t.same(messageIds, [j.messageId, j.messageId, j.messageId], 'the same Message-ID on every attempt')
    const events = await h.db.prisma.leadEvent.findMany({ where: { leadId, type: { in: ['email_sent', 'email_failed'] } } })
    t.same(events.map(e => [e.type, JSON.parse(e.data)]), [['email_sent', { kind: 'consultant', deliveryId: j.id, attempt: 3 }]])
    t.equal(await h.db.prisma.emailJob.count({ where: { kind: 'alert' } }), 0, 'no alert for a delivery that succeeded')
  })

  t.test(`${kind}: a 550 fails the job at once and raises one alert however many jobs fail`, async t => {
    const { smtp, h, worker, log, post } = await setup(t, kind, {
      rcpt: address => address.endsWith('@bounce.example') ? { code: 550, message: '5.1.1 No such user' } : null
    })
    const leads = [await post(validLead({ email: 'one@bounce.example' })), await post(validLead({ email: 'two@bounce.example' }))]
    t.same(await worker.drainOnce(), { sent: 3, retried: 0, failed: 2 }, 'two consultant notifications and one alert sent; two acknowledgements failed')
    const acks = await h.db.prisma.emailJob.findMany({ where: { kind: 'ack' } })
    t.same(acks.map(j => [j.status, j.attempts]), [['failed', 1], ['failed', 1]], 'no retry after a permanent refusal')
    t.ok(acks.every(j => j.lastError?.startsWith('smtp_550: ')), 'the error is kept on the job')
    const alerts = smtp.received.filter(r => r.mail.subject?.startsWith('Leadline · '))
    t.equal(alerts.length, 1, 'one alert')
    t.same(alerts[0]!.envelope.to, [CONSULTANT])
    t.match(alerts[0]!.mail.text, /type : ack, erreur : smtp_550/)
    for (const leadId of leads) {
      const failed = await h.db.prisma.leadEvent.findMany({ where: { leadId, type: 'email_failed' } })
      t.same(failed.map(e => JSON.parse(e.data)), [{ kind: 'ack', deliveryId: acks.find(a => a.leadId === leadId)!.id, attempt: 1, errorCode: 'smtp_550' }])
    }
    t.notMatch(JSON.stringify(log.lines), /bounce\.example|@/, 'the log names no address')
  })

  t.test(`${kind}: temporary failures stop after MAIL_MAX_ATTEMPTS, then one alert`, async t => {
    const { smtp, clock, h, worker } = await setup(t, kind, {
      rcpt: address => address === 'slow@example.ma' ? { code: 421, message: '4.7.0 Busy' } : null
    }, { MAIL_MAX_ATTEMPTS: '3' })
    await post(validLead({ email: 'slow@example.ma' }))
    const delays: number[] = []
    for (let i = 0; i < 3; i++) {
      await worker.drainOnce()
      const ack = await h.db.prisma.emailJob.findFirstOrThrow({ where: { kind: 'ack' } })
      if (ack.status !== 'pending') break
      const delay = (ack.nextAttemptAt.getTime() - clock.now().getTime()) / 1000
      delays.push(delay)
      clock.advance(delay)
    }
    t.same(delays, [420, 840], 'backoff between the three attempts')
    t.match(await h.db.prisma.emailJob.findFirstOrThrow({ where: { kind: 'ack' } }), { status: 'failed', attempts: 3, lastError: /^smtp_421/ })
    t.equal(smtp.received.filter(r => r.mail.subject?.startsWith('Leadline · ')).length, 1, 'one alert')
    async function post (payload: Record<string, unknown>) {
      const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload })
      t.equal(res.statusCode, 201)
    }
  })

  t.test(`${kind}: a job that cannot be rendered fails at once, with one alert, and nothing is sent for it`, async t => {
    const { smtp, h, worker, post } = await setup(t, kind, {}, { ACK_ENABLED: 'false' })
    const leadId = await post(validLead())
    await h.db.prisma.emailJob.updateMany({ where: { leadId }, data: { payload: '{"locale":"fr","to":{"address":"x@y.test"},"replyTo":null,"headers":{},"vars":{}}' } })
    t.same(await worker.drainOnce(), { sent: 1, retried: 0, failed: 1 }, 'the job failed; its alert was sent')
    t.match(await h.db.prisma.emailJob.findFirstOrThrow({ where: { leadId } }), { status: 'failed', attempts: 1, lastError: /^invalid_job: .*leadUrl/ })
    t.same(smtp.received.map(r => r.envelope.to), [[CONSULTANT]])
  })

  t.test(`${kind}: a job whose worker died between claim and send is delivered once its lease ends, once`, async t => {
    const { smtp, clock, h, worker, post } = await setup(t, kind, {}, { ACK_ENABLED: 'false', MAIL_LEASE: '300' })
    const leadId = await post(validLead())
    // A worker claims the job, then dies before sending: its claim stays behind.
    const now = clock.now()
    const claimed = await claimNext(h.db.sql, { workerId: 'dead-worker', now, until: new Date(now.getTime() + 300_000) })
    t.equal(claimed?.leadId, leadId)

    t.same(await worker.drainOnce(), { sent: 0, retried: 0, failed: 0 }, 'the live lease is respected')
    clock.advance(299)
    t.same(await worker.drainOnce(), { sent: 0, retried: 0, failed: 0 }, 'still leased a second before expiry')
    clock.advance(1)
    t.same(await worker.drainOnce(), { sent: 1, retried: 0, failed: 0 }, 'taken again when the lease ends')
    t.same(await worker.drainOnce(), { sent: 0, retried: 0, failed: 0 })
    t.equal(smtp.received.length, 1, 'delivered once')
    t.match(await h.db.prisma.emailJob.findFirstOrThrow({ where: { leadId } }), { status: 'sent', attempts: 1, lockedBy: null, lockedUntil: null })
  })

  t.test(`${kind}: stop() lets the job in hand finish and leaves no claim behind`, async t => {
    let release!: () => void
    const gate = new Promise<void>(resolve => { release = resolve })
    const { smtp, h, post } = await setup(t, kind, {}, { ACK_ENABLED: 'false' })
    await post(validLead())
    await post(validLead())
    const slow = createMailer(h.config.mail)
    const slowMailer = { send: async (m: Parameters<typeof slow.send>[0]) => { await gate; return slow.send(m) }, close: () => slow.close() }
    const w = createOutboxWorker({ db: h.db, mailer: slowMailer, renderer: createRenderer(), config: h.config, log: memoryLog(), workerId: 'stopping' })
    const draining = w.drainOnce()
    // Wait until the first job is claimed and its send is under way.
    while (await h.db.prisma.emailJob.count({ where: { lockedBy: 'stopping' } }) === 0) await new Promise(resolve => setImmediate(resolve))
    const stopped = w.stop()
    release()
    await stopped
    t.same(await draining, { sent: 1, retried: 0, failed: 0 }, 'the job in hand was sent, no other was started')
    slow.close()
    t.equal(smtp.received.length, 1)
    t.equal(await h.db.prisma.emailJob.count({ where: { lockedBy: { not: null } } }), 0, 'no claim left')
    t.equal(await h.db.prisma.emailJob.count({ where: { status: 'pending' } }), 1, 'the other job waits for the next worker')
  })
}
