import t from 'tap'
import { createGroupCommit, type Settled } from '../../src/leads/group-commit.ts'
import { createIntakeService } from '../../src/leads/service.ts'
import { leadInputSchema } from '../../src/leads/schema.ts'
import { openDatabase } from '../../src/db/client.ts'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { validLead } from '../helpers/leads.ts'

t.test('group commit: arrivals are written together, each answered with its own result', async t => {
  const batches: number[][] = []
  let release!: () => void
  const gate = new Promise<void>(resolve => { release = resolve })
  const commits = createGroupCommit<number, number>(async items => {
    batches.push(items)
    if (batches.length === 1) await gate
    return items.map((n): Settled<number> => n % 5 === 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 10 })
  }, { maxBatch: 4, concurrency: 1 })

  const all = Array.from({ length: 10 }, (_, i) => commits.submit(i + 1).then(v => v, (e: Error) => e.message))
  release()
  t.same(await Promise.all(all), [10, 20, 30, 40, 'bad 5', 60, 70, 80, 90, 'bad 10'])
  t.same(batches, [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]], 'what arrived in the same turn is written together, up to maxBatch')

  const later = commits.submit(11)
  t.equal(await later, 110, 'a lone submission is written on the next turn of the event loop')
  t.same(batches.at(-1), [11])
})

t.test('group commit: a write that throws rejects its own batch only', async t => {
  let calls = 0
  const commits = createGroupCommit<number, number>(async items => {
    calls++
    if (items.includes(2)) throw new Error('boom')
    return items.map(n => ({ ok: true, value: n }))
  }, { maxBatch: 1, concurrency: 1 })
  const results = await Promise.allSettled([1, 2, 3].map(n => commits.submit(n)))
  t.same(results.map(r => r.status), ['fulfilled', 'rejected', 'fulfilled'])
  t.equal(calls, 3)
})

for (const kind of testDatabases()) {
  t.test(`${kind}: hundreds of parallel posts, each stored once with its outbox rows, durable when answered`, async t => {
    const h = await buildTestApp({ kind, env: { NOTIFY_TO: 'a@consultant.example,b@consultant.example', ACK_HOURLY_LIMIT: '100000' } })
    t.teardown(h.close)
    const observer = await openDatabase({ url: h.config.databaseUrl, poolSize: 2 })
    t.teardown(observer.close)

    const bodies = Array.from({ length: 300 }, () => validLead())
    const notDurable: string[] = []
    const responses = await Promise.all(bodies.map(async body => {
      const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload: body })
      // Read through another connection the moment the answer arrives: it must already be committed.
      if (res.statusCode === 201 && await observer.prisma.lead.count({ where: { id: res.json().id } }) !== 1) notDurable.push(res.json().id)
      return res
    }))
    t.same(responses.map(r => r.statusCode).filter(s => s !== 201), [], 'every post accepted')
    t.same(notDurable, [], 'no lead answered before it was committed')
    t.equal(await h.db.prisma.lead.count(), 300)
    t.equal(new Set(responses.map(r => r.json().id)).size, 300)
    const jobs = await h.db.prisma.emailJob.groupBy({ by: ['leadId'], _count: { _all: true } })
    t.equal(jobs.length, 300, 'every lead has its jobs')
    t.ok(jobs.every(j => j._count._all === 3), 'two consultant notifications and one acknowledgement each')
  })

  t.test(`${kind}: an error inside a batch fails only the submission it belongs to`, async t => {
    const h = await buildTestApp({ kind })
    t.teardown(h.close)
    const intake = createIntakeService({
      db: h.db,
      duplicateWindowSeconds: 3600,
      log: { error: () => {} },
      onLeadsCreated: async created => {
        if (created.some(c => c.lead.email.startsWith('poison'))) throw new Error('the outbox refused this lead')
      }
    })
    const meta = { locale: 'fr' as const, ipHash: undefined, userAgent: undefined, idempotencyKey: undefined }
    const inputs = Array.from({ length: 30 }, (_, i) => leadInputSchema.parse(validLead(i === 17 ? { email: 'poison@example.ma' } : {})))
    const results = await Promise.allSettled(inputs.map(input => intake.submit(input, meta)))
    t.same(results.map((r, i) => r.status === 'rejected' ? i : -1).filter(i => i >= 0), [17])
    t.equal(await h.db.prisma.lead.count(), 29)
    t.equal(await h.db.prisma.lead.count({ where: { email: 'poison@example.ma' } }), 0, 'the failed one left nothing half-written')
  })
}
