import t, { type Test } from 'tap'
import pg from 'pg'
import Sqlite from 'better-sqlite3'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { formEncode, validLead } from '../helpers/leads.ts'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const BROWSER_FORM = { ...FORM, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

for (const kind of testDatabases()) {
  t.test(`${kind}: intake`, async t => {
    let now = new Date('2026-11-28T10:00:00Z')
    const h = await buildTestApp({
      kind,
      clock: () => now,
      env: { REDIRECT_ALLOWLIST: 'https://consultant.example', THANK_YOU_URL: 'https://consultant.example/merci', DUPLICATE_WINDOW: '3600' }
    })
    t.teardown(h.close)
    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      h.app.inject({ method: 'POST', url: '/api/leads', payload: payload as string, headers })

    t.test('JSON: 201 with the id, stored once with its creation event', async t => {
      const res = await post(validLead())
      t.equal(res.statusCode, 201)
      t.same(Object.keys(res.json()).sort(), ['duplicate', 'id'])
      t.equal(res.json().duplicate, false)
      t.equal(await h.db.prisma.lead.count({ where: { id: res.json().id } }), 1)
      t.equal(await h.db.prisma.leadEvent.count({ where: { leadId: res.json().id, type: 'created' } }), 1)
    })

    t.test('a form post from a script (no text/html) gets JSON', async t => {
      const res = await post(formEncode(validLead()), FORM)
      t.equal(res.statusCode, 201)
      t.ok(res.json().id)
    })

    t.test('a browser form post is redirected to the thank-you page', async t => {
      const body = validLead()
      const res = await post(formEncode(body), BROWSER_FORM)
      t.equal(res.statusCode, 303)
      t.equal(res.headers.location, 'https://consultant.example/merci')
      t.equal(await h.db.prisma.lead.count({ where: { email: body.email as string } }), 1)
    })

    t.test('redirect is honoured only on the allowlist', async t => {
      const cases: Array<[string, string]> = [
        ['https://consultant.example/merci?src=blog', 'https://consultant.example/merci?src=blog'],
        ['/thank-you?lang=en', '/thank-you?lang=en'],
        ['https://evil.example/phish', 'https://consultant.example/merci'],
        ['//evil.example/phish', 'https://consultant.example/merci'],
        ['/\\evil.example', 'https://consultant.example/merci'],
        ['https://consultant.example.evil.example/', 'https://consultant.example/merci'],
        ['javascript:alert(1)', 'https://consultant.example/merci']
      ]
      for (const [redirect, expected] of cases) {
        const res = await post(formEncode(validLead({ redirect })), BROWSER_FORM)
        t.equal(res.headers.location, expected, redirect)
      }
      const viaQuery = await h.app.inject({ method: 'POST', url: '/api/leads?redirect=' + encodeURIComponent('https://consultant.example/ok'), payload: formEncode(validLead()), headers: BROWSER_FORM })
      t.equal(viaQuery.headers.location, 'https://consultant.example/ok')
    })

    t.test('a browser form post with errors gets a page in the visitor\'s language', async t => {
      const res = await post(formEncode(validLead({ email: 'pas-une-adresse', fullName: '<b>Bob</b>', locale: 'ar' })), BROWSER_FORM)
      t.equal(res.statusCode, 400)
      t.match(res.headers['content-type'], /^text\/html/)
      t.match(res.body, /<html lang="ar" dir="rtl">/)
      t.match(res.body, /البريد الإلكتروني/)
      t.notMatch(res.body, /<b>Bob<\/b>/, 'submitted text is never echoed unescaped')
    })

    t.test('the same email and details within the window is a duplicate', async t => {
      const body = validLead()
      const first = await post(body)
      const again = await post({ ...body, details: `  ${(body.details as string).toUpperCase()}  `, email: (body.email as string).toUpperCase().replace('@EXAMPLE.MA', '@example.ma') })
      t.equal(again.statusCode, 200)
      t.same(again.json(), { id: first.json().id, duplicate: true })
      t.equal(await h.db.prisma.lead.count({ where: { email: body.email as string } }), 1)
      const other = await post({ ...body, details: 'Une autre demande : un audit de nos données clients.' })
      t.equal(other.statusCode, 201, 'other details make another lead')
    })

    t.test('after the window the same submission is a new lead', async t => {
      const body = validLead()
      const first = await post(body)
      now = new Date(now.getTime() + 3601_000)
      const later = await post(body)
      t.equal(later.statusCode, 201)
      t.not(later.json().id, first.json().id)
      const third = await post(body)
      t.same(third.json(), { id: later.json().id, duplicate: true }, 'the newest lead is now the one duplicates point to')
    })

    t.test('concurrent identical posts create one lead', async t => {
      const body = validLead()
      const results = await Promise.all(Array.from({ length: 20 }, () => post(body)))
      t.same([...new Set(results.map(r => r.statusCode))].sort(), [200, 201])
      t.equal(results.filter(r => r.statusCode === 201).length, 1)
      t.equal(new Set(results.map(r => r.json().id)).size, 1)
      t.equal(await h.db.prisma.lead.count({ where: { email: body.email as string } }), 1)
    })

    t.test('Idempotency-Key replays the first result and refuses another body', async t => {
      const key = `key-${Math.random()}`
      const body = validLead()
      const first = await post(body, { 'idempotency-key': key })
      const replay = await post(body, { 'idempotency-key': key })
      t.equal(first.statusCode, 201)
      t.same(replay.json(), first.json())
      const conflict = await post(validLead(), { 'idempotency-key': key, 'accept-language': 'en' })
      t.equal(conflict.statusCode, 422)
      t.equal(conflict.json().title, 'Idempotency key reused')
      t.equal(await h.db.prisma.lead.count({ where: { email: body.email as string } }), 1)
    })

    t.test('concurrent posts with one Idempotency-Key create one lead', async t => {
      const key = `key-${Math.random()}`
      const body = validLead()
      const results = await Promise.all(Array.from({ length: 10 }, () => post(body, { 'idempotency-key': key })))
      t.ok(results.every(r => r.statusCode < 300), results.map(r => r.statusCode).join())
      t.equal(new Set(results.map(r => r.json().id)).size, 1)
      t.equal(await h.db.prisma.idempotencyRecord.count({ where: { key } }), 1)
    })

    t.test('a filled honeypot looks like success and is stored as spam', async t => {
      const body = validLead({ website: 'http://seo.example' })
      const res = await post(body)
      t.equal(res.statusCode, 201)
      t.same(Object.keys(res.json()).sort(), ['duplicate', 'id'], 'nothing tells the bot')
      const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.json().id } })
      t.equal(lead.status, 'spam')
      t.equal(lead.spam, true)
      t.equal(await h.db.prisma.emailJob.count({ where: { leadId: lead.id } }), 0, 'spam is never notified')
      const browser = await post(formEncode(validLead({ website: 'x' })), BROWSER_FORM)
      t.equal(browser.statusCode, 303)
    })

    t.test('protocol limits', async t => {
      const big = await post(validLead({ details: 'x'.repeat(70 * 1024) }))
      t.equal(big.statusCode, 413)
      t.match(big.json(), { status: 413, title: 'Envoi trop volumineux' })

      const text = await post('fullName=a', { 'content-type': 'text/plain' })
      t.equal(text.statusCode, 415)
      t.match(text.headers['content-type'], /problem\+json/)

      const xml = await post('<lead/>', { 'content-type': 'application/xml' })
      t.equal(xml.statusCode, 415)

      const broken = await post('{"fullName": "Amina", ', { 'content-type': 'application/json', 'accept-language': 'en' })
      t.equal(broken.statusCode, 400)
      t.match(broken.json(), { status: 400, title: 'Malformed request' })

      const empty = await post('', { 'content-type': 'application/json' })
      t.equal(empty.statusCode, 400)
    })

    t.test('__proto__ and constructor keys are harmless', async t => {
      const payload = JSON.stringify(validLead()).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},')
      const res = await post(payload, { 'content-type': 'application/json' })
      t.equal(res.statusCode, 201, res.body)
      t.equal(({} as Record<string, unknown>).polluted, undefined)
      const form = await post(formEncode(validLead()) + '&__proto__[polluted]=1&constructor[prototype][polluted]=1', FORM)
      t.equal(form.statusCode, 201, form.body)
      t.equal(({} as Record<string, unknown>).polluted, undefined)
    })

    t.test('security headers on every response', async t => {
      for (const res of [await post(validLead()), await h.app.inject('/health'), await h.app.inject('/nope')]) {
        t.equal(res.headers['x-content-type-options'], 'nosniff')
        t.match(res.headers['content-security-policy'], /default-src 'self'/)
        t.ok(res.headers['x-request-id'])
      }
    })

    t.test('unknown routes answer 404 problem+json', async t => {
      const res = await h.app.inject('/api/nothing-here')
      t.equal(res.statusCode, 404)
      t.match(res.headers['content-type'], /problem\+json/)
    })
  })

  t.test(`${kind}: a database failure answers 503 and loses nothing it accepted`, async t => {
    const h = await buildTestApp({ kind })
    t.teardown(h.close)
    const ok = await h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead() })
    t.equal(ok.statusCode, 201)
    t.equal((await h.app.inject('/ready')).statusCode, 200)
    await breakDatabase(kind, h.config.databaseUrl, t)
    const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead(), headers: { 'accept-language': 'en' } })
    t.equal(res.statusCode, 503, res.body)
    t.match(res.json(), { status: 503, title: 'Service temporarily unavailable' })
    t.ok(res.headers['retry-after'])
    if (kind === 'postgres') t.equal((await h.app.inject('/ready')).statusCode, 503, 'not ready while the database is gone')
    t.equal((await h.app.inject('/health')).statusCode, 200, 'the process itself is alive')
    t.ok(h.logs.some(l => l.level === 50 && l.err), 'the cause is logged')
  })
}

/**
 * Makes the database fail for real: PostgreSQL's database is dropped under the app; SQLite's file is
 * locked by another connection for longer than the app's busy timeout.
 */
async function breakDatabase (kind: string, url: string, t: Test): Promise<void> {
  if (kind === 'postgres') {
    const name = new URL(url).pathname.slice(1)
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL })
    await admin.connect()
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`)
    await admin.end()
    return
  }
  const lock = new Sqlite(url.slice('file:'.length))
  lock.exec('BEGIN EXCLUSIVE')
  t.teardown(() => { lock.exec('ROLLBACK'); lock.close() })
}
