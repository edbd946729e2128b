import t from 'tap'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, insertLead, type ConsultantTestApp } from './fixtures.ts'

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 10))

async function ids (h: ConsultantTestApp, query: string): Promise<string[]> {
  const res = await h.app.inject({ url: `/api/leads?${query}`, headers: h.auth })
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`)
  return (res.json().items as Array<{ id: string }>).map(i => i.id)
}

for (const kind of testDatabases()) {
  t.test(`${kind}: each filter and their combinations`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const a = await insertLead(h.db, { createdAt: day(1), status: 'new', projectType: 'implementation', sector: 'health', language: 'fr', score: 80, capabilities: ['vision', 'data'] })
    const b = await insertLead(h.db, { createdAt: day(2), status: 'contacted', projectType: 'consulting', sector: 'finance', language: 'en', score: 40, capabilities: ['predictive'] })
    const c = await insertLead(h.db, { createdAt: day(3), status: 'won', projectType: 'implementation', sector: 'finance', language: 'ar', score: 65, capabilities: ['conversational', 'language'] })
    const d = await insertLead(h.db, { createdAt: day(4), status: 'qualified', projectType: 'training', sector: 'education', language: 'ary', score: null, projectTypeRaw: null })
    const spam = await insertLead(h.db, { createdAt: day(5), status: 'spam', spam: true, projectType: 'other', sector: 'other', language: 'en', score: 0 })
    const erased = await insertLead(h.db, { createdAt: day(6), erasedAt: day(7), fullName: '', email: '' })

    const cases: Array<[string, string[]]> = [
      ['', [d, c, b, a]],
      ['status=new', [a]],
      ['status=contacted,won', [c, b]],
      ['projectType=implementation', [c, a]],
      ['sector=finance', [c, b]],
      ['capability=vision', [a]],
      ['capability=predictive,language', [c, b]],
      ['language=ar,ary', [d, c]],
      ['scoreMin=60', [c, a]],
      ['scoreMax=60', [b]],
      ['scoreMin=40&scoreMax=65', [c, b]],
      [`createdFrom=${day(2).toISOString()}`, [d, c, b]],
      [`createdTo=${day(3).toISOString()}`, [b, a]],
      ['createdFrom=2026-03-02&createdTo=2026-03-04', [c, b]],
      ['spam=true', [spam]],
      ['spam=any', [spam, d, c, b, a]],
      ['status=spam', [spam]],
      ['projectType=implementation&sector=finance', [c]],
      ['projectType=implementation&sector=finance&language=fr', []],
      ['sector=finance&scoreMin=50&capability=conversational', [c]],
      ['status=new,won,qualified&language=fr,ar&capability=vision,conversational', [c, a]]
    ]
    for (const [query, expected] of cases) t.same(await ids(h, query), expected, `?${query}`)
    t.notOk((await ids(h, 'spam=any')).includes(erased), 'erased leads are not listed')
  })

  t.test(`${kind}: free-text search ignores case and accents, in French and Arabic`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const hele = await insertLead(h.db, { fullName: 'Hélène Lefèvre', email: 'helene@coop.ma', company: 'Coopérative Aïn', details: 'Prévision des récoltes et irrigation.' })
    const arabic = await insertLead(h.db, { fullName: 'أحمد بناني', email: 'ahmed@example.ma', details: 'نريد مساعدًا ذكيًا للإجابة على أسئلة الزبناء في المدرسة' })
    const other = await insertLead(h.db, { fullName: 'John Smith', email: 'john@acme.test', company: 'ACME', details: 'A chatbot for customer support.' })
    const search = (q: string) => ids(h, `q=${encodeURIComponent(q)}`)
    t.same(await search('helene'), [hele], 'no accents in the query')
    t.same(await search('HÉLÈNE'), [hele], 'upper case with accents')
    t.same(await search('cooperative ain'), [hele], 'several words, in the company')
    t.same(await search('prevision recoltes'), [hele], 'in the details')
    t.same(await search('coop.ma'), [hele], 'in the e-mail')
    t.same(await search('احمد'), [arabic], 'Arabic without the hamza finds أحمد')
    t.same(await search('المدرسة'), [arabic], 'Arabic with ta marbuta')
    t.same(await search('acme'), [other])
    t.same(await search('helene acme'), [], 'all words must match')
    t.same(await search('%'), [], '% is no wildcard')
    t.same(await search('_'), [], '_ is no wildcard')
    t.same(await search('hel_xyz'), [], '_ separates words: "xyz" is in no lead')
    t.same(await search('lefevre%'), [hele])
    t.same(await ids(h, `q=helene&projectType=implementation`), [hele], 'search combines with filters')
  })

  t.test(`${kind}: pagination by cursor loses and repeats no lead while new ones arrive`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const existing = new Set<string>()
    // Several leads share a creation time: the id breaks the tie.
    for (let i = 0; i < 23; i++) existing.add(await insertLead(h.db, { createdAt: day(1 + (i % 5)), score: i % 4 === 0 ? null : (i * 7) % 100 }))
    for (const [sort, order] of [['createdAt', 'desc'], ['createdAt', 'asc'], ['score', 'desc'], ['score', 'asc']] as const) {
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query: string = `limit=5&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ''}`
        const res = await h.app.inject({ url: `/api/leads?${query}`, headers: h.auth })
        t.equal(res.statusCode, 200, res.body)
        const body = res.json() as { items: Array<{ id: string, createdAt: string, score: number | null }>, nextCursor: string | null }
        t.ok(body.items.length <= 5)
        seen.push(...body.items.map(i => i.id))
        cursor = body.nextCursor
        pages++
        // A new lead arrives between two calls, newest of all and with a top score.
        await insertLead(h.db, { createdAt: new Date(Date.UTC(2026, 5, 1) + pages), score: 99 })
      } while (cursor && pages < 20)
      const old = seen.filter(id => existing.has(id))
      t.equal(new Set(seen).size, seen.length, `${sort} ${order}: no lead repeated`)
      t.equal(old.length, existing.size, `${sort} ${order}: every lead that existed was served`)
    }
  })

  t.test(`${kind}: sort by score puts unscored leads last either way`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const low = await insertLead(h.db, { score: 10 })
    const none = await insertLead(h.db, { score: null })
    const high = await insertLead(h.db, { score: 90 })
    t.same(await ids(h, 'sort=score&order=desc'), [high, low, none])
    t.same(await ids(h, 'sort=score&order=asc'), [low, high, none])
  })

  t.test(`${kind}: bad list parameters are 400 problems`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    await insertLead(h.db)
    const first = await h.app.inject({ url: '/api/leads?limit=1', headers: h.auth })
    for (const query of ['limit=101', 'limit=0', 'status=maybe', 'sort=name', 'scoreMin=-1', 'createdFrom=yesterday', 'spam=perhaps',
      'cursor=garbage', `cursor=${Buffer.from('[1,2]').toString('base64url')}`, `sort=score&cursor=${first.json().nextCursor ?? 'x'}`, `q=${'a'.repeat(201)}`]) {
      const res = await h.app.inject({ url: `/api/leads?${query}`, headers: h.auth })
      t.equal(res.statusCode, 400, `?${query}`)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
    }
  })
}
