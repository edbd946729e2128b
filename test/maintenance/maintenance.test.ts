import t from 'tap'
import { createMaintenance } from '../../src/maintenance/index.ts'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { validLead } from '../helpers/leads.ts'

const DAY = 86_400_000

for (const kind of testDatabases()) {
  t.test(`${kind}: the periodic run applies retention and forgets old idempotency keys`, async t => {
    let now = new Date('2026-01-01T09:00:00Z')
    const h = await buildTestApp({ kind, clock: () => now, env: { RETENTION_SPAM_DAYS: '30', RETENTION_LEAD_DAYS: '365' } })
    t.teardown(h.close)
    const post = (body: Record<string, unknown>, key: string) =>
      h.app.inject({ method: 'POST', url: '/api/leads', payload: body, headers: { 'idempotency-key': key } })
    const spam = (await post(validLead({ website: 'http://bot.example' }), 'k-spam')).json().id
    const genuine = (await post(validLead(), 'k-genuine')).json().id

    const maintenance = createMaintenance({ db: h.db, config: h.config, log: { info: () => {}, error: () => {} }, clock: () => now })
    now = new Date(now.getTime() + 2 * DAY)
    t.same(await maintenance.runOnce(), { spam: 0, inactive: 0, idempotencyKeys: 2 }, 'keys are forgotten after a day')
    t.equal((await post(validLead(), 'k-spam')).statusCode, 201, 'a forgotten key is a new request')

    now = new Date(now.getTime() + 30 * DAY)
    t.match(await maintenance.runOnce(), { spam: 1, inactive: 0 })
    const erased = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: spam } })
    t.ok(erased.erasedAt)
    t.equal(erased.email, '', 'personal data gone')
    t.equal((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: genuine } })).erasedAt, null, 'genuine leads are kept longer')
  })
}
