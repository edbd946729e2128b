import t from 'tap'
import { applyRetention } from '../../src/retention/index.ts'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, insertLead, leadRow } from '../consultant/fixtures.ts'

const NOW = new Date('2026-06-01T00:00:00Z')
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000)

for (const kind of testDatabases()) {
  t.test(`${kind}: spam goes after 30 days, other leads 3 years after their last activity`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const oldSpam = await insertLead(h.db, { status: 'spam', spam: true, createdAt: daysAgo(31), lastActivityAt: daysAgo(31), fullName: 'Spam Bot', email: 'bot@spam.test' })
    const freshSpam = await insertLead(h.db, { status: 'spam', spam: true, createdAt: daysAgo(29), lastActivityAt: daysAgo(29) })
    const stale = await insertLead(h.db, { status: 'lost', createdAt: daysAgo(1200), lastActivityAt: daysAgo(1096), fullName: 'Old Prospect', email: 'old@example.ma' })
    const active = await insertLead(h.db, { status: 'won', createdAt: daysAgo(1200), lastActivityAt: daysAgo(1094) })
    const erased = await insertLead(h.db, { status: 'spam', spam: true, createdAt: daysAgo(400), lastActivityAt: daysAgo(400), erasedAt: daysAgo(300) })

    const result = await applyRetention(h.db, { spamDays: 30, leadDays: 1095 }, NOW)
    t.same(result, { spam: 1, inactive: 1 })
    const lead = (id: string) => h.db.prisma.lead.findUniqueOrThrow({ where: { id } })
    t.same((await lead(oldSpam)).erasedAt, NOW)
    t.equal((await lead(oldSpam)).email, '')
    t.same((await lead(stale)).erasedAt, NOW)
    t.equal((await lead(stale)).status, 'lost', 'the anonymous record keeps its status')
    t.equal((await lead(freshSpam)).erasedAt, null, 'spam younger than 30 days stays')
    t.equal((await lead(active)).erasedAt, null, 'a lead active within 3 years stays')
    t.same((await lead(erased)).erasedAt, daysAgo(300), 'an erased lead is not erased again')

    const events = await h.db.prisma.leadEvent.findMany({ where: { type: 'erased' }, orderBy: { leadId: 'asc' } })
    t.same(events.map(e => [e.leadId, e.actor, JSON.parse(e.data)]).sort(), [
      [oldSpam, 'retention', { reason: 'retention', rule: 'spam' }],
      [stale, 'retention', { reason: 'retention', rule: 'inactive' }]
    ].sort(), 'recorded in the timeline with the rule')
    const all = JSON.stringify(await h.db.prisma.lead.findMany())
    for (const trace of ['Spam Bot', 'bot@spam.test', 'Old Prospect', 'old@example.ma']) t.notOk(all.includes(trace), `${trace} erased`)

    t.same(await applyRetention(h.db, { spamDays: 30, leadDays: 1095 }, NOW), { spam: 0, inactive: 0 }, 'running again does nothing')
    const later = new Date(NOW.getTime() + 2 * 86_400_000)
    t.same(await applyRetention(h.db, { spamDays: 30, leadDays: 1095 }, later), { spam: 1, inactive: 1 }, 'two days later the next ones are due')
  })

  t.test(`${kind}: 0 days keeps forever; many leads are erased in batches`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    await h.db.prisma.lead.createMany({ data: Array.from({ length: 230 }, () => leadRow({ status: 'spam', spam: true, createdAt: daysAgo(100), lastActivityAt: daysAgo(100) })) })
    t.same(await applyRetention(h.db, { spamDays: 0, leadDays: 0 }, NOW), { spam: 0, inactive: 0 })
    t.same(await applyRetention(h.db, { spamDays: 30, leadDays: 0 }, NOW), { spam: 230, inactive: 0 })
    t.equal(await h.db.prisma.lead.count({ where: { erasedAt: null } }), 0)
  })
}

t.test('the policy comes from the configuration', async t => {
  const { loadConfig } = await import('../../src/config.ts')
  t.same(loadConfig({}).retention, { spamDays: 30, leadDays: 1095 })
  t.same(loadConfig({ RETENTION_SPAM_DAYS: '7', RETENTION_LEAD_DAYS: '0' }).retention, { spamDays: 7, leadDays: 0 })
  t.throws(() => loadConfig({ RETENTION_SPAM_DAYS: '-1' }))
})
