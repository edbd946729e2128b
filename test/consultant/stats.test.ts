import t from 'tap'
import { isoWeek, median } from '../../src/consultant/stats.ts'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, insertLead } from './fixtures.ts'

const NOW = new Date('2026-03-20T12:00:00Z')
const at = (iso: string) => new Date(iso)
const hours = (from: string, h: number) => new Date(at(from).getTime() + h * 3_600_000)

t.test('ISO weeks and medians', async t => {
  t.equal(isoWeek(at('2026-01-01T00:00:00Z')), '2026-W01', 'Thursday 1 January 2026 is in week 1')
  t.equal(isoWeek(at('2027-01-01T12:00:00Z')), '2026-W53', 'Friday 1 January 2027 belongs to the last week of 2026')
  t.equal(isoWeek(at('2026-03-16T00:00:00Z')), '2026-W12', 'a Monday starts its week')
  t.equal(isoWeek(at('2026-03-15T23:59:59Z')), '2026-W11', 'a Sunday ends its week')
  t.equal(median([]), null)
  t.equal(median([5]), 5)
  t.equal(median([9, 1, 4]), 4)
  t.equal(median([1, 2, 3, 10]), 2.5)
})

for (const kind of testDatabases()) {
  t.test(`${kind}: stats match figures computed by hand`, async t => {
    const h = await buildConsultantApp({ kind, clock: () => NOW, env: { STALE_LEAD_HOURS: '48' } })
    t.teardown(h.close)
    // Week 2026-W11 (Mon 9 – Sun 15 March) and W12 (from Mon 16 March).
    await insertLead(h.db, { createdAt: at('2026-03-09T10:00:00Z'), status: 'won', projectType: 'implementation', sector: 'health', language: 'fr', firstContactedAt: hours('2026-03-09T10:00:00Z', 2) })
    await insertLead(h.db, { createdAt: at('2026-03-10T10:00:00Z'), status: 'lost', projectType: 'consulting', sector: 'health', language: 'en', firstContactedAt: hours('2026-03-10T10:00:00Z', 10) })
    await insertLead(h.db, { createdAt: at('2026-03-15T10:00:00Z'), status: 'contacted', projectType: 'implementation', sector: 'finance', language: 'ar', firstContactedAt: hours('2026-03-15T10:00:00Z', 30) })
    await insertLead(h.db, { createdAt: at('2026-03-16T08:00:00Z'), status: 'new', projectType: 'training', sector: 'education', language: 'fr' }) // waiting 100 h
    await insertLead(h.db, { createdAt: at('2026-03-19T12:00:00Z'), status: 'new', projectType: null, sector: null, language: null }) // 24 h: not yet waiting
    await insertLead(h.db, { createdAt: at('2026-03-17T12:00:00Z'), status: 'won', projectType: 'implementation', sector: 'finance', language: 'fr', firstContactedAt: hours('2026-03-17T12:00:00Z', 6), erasedAt: at('2026-03-18T00:00:00Z') })
    await insertLead(h.db, { createdAt: at('2026-03-12T10:00:00Z'), status: 'spam', spam: true, projectType: 'other', sector: 'other', language: 'en' })
    await insertLead(h.db, { createdAt: at('2026-03-13T10:00:00Z'), status: 'spam', spam: true, projectType: 'other', sector: 'other', language: 'en' })

    const res = await h.app.inject({ url: '/api/stats', headers: h.auth })
    t.equal(res.statusCode, 200, res.body)
    t.same(res.json(), {
      total: 8,
      spam: 2,
      byStatus: { contacted: 1, lost: 1, new: 2, spam: 2, won: 2 },
      byProjectType: { consulting: 1, implementation: 3, training: 1, unclassified: 1 },
      bySector: { education: 1, finance: 2, health: 2, unclassified: 1 },
      byLanguage: { ar: 1, en: 1, fr: 3, unclassified: 1 },
      byWeek: [{ week: '2026-W11', count: 3 }, { week: '2026-W12', count: 3 }],
      conversion: { won: 2, nonSpam: 6, rate: 0.33 },
      // contact delays 2, 6, 10, 30 h → median (6 + 10) / 2
      medianHoursToFirstContact: 8,
      waitingUncontacted: { thresholdHours: 48, count: 1, oldestCreatedAt: '2026-03-16T08:00:00.000Z' }
    })

    const week12 = await h.app.inject({ url: '/api/stats?createdFrom=2026-03-16', headers: h.auth })
    t.match(week12.json(), { total: 3, spam: 0, conversion: { won: 1, nonSpam: 3, rate: 0.33 }, medianHoursToFirstContact: 6, byWeek: [{ week: '2026-W12', count: 3 }] })
    t.equal((await h.app.inject({ url: '/api/stats?createdFrom=soon', headers: h.auth })).statusCode, 400)
  })

  t.test(`${kind}: stats of an empty database`, async t => {
    const h = await buildConsultantApp({ kind, clock: () => NOW })
    t.teardown(h.close)
    const res = await h.app.inject({ url: '/api/stats', headers: h.auth })
    t.match(res.json(), { total: 0, byWeek: [], conversion: { won: 0, nonSpam: 0, rate: null }, medianHoursToFirstContact: null, waitingUncontacted: { count: 0, oldestCreatedAt: null } })
  })
}
