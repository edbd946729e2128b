import t from 'tap'
import { randomInt } from 'node:crypto'
import { buildTestApp } from '../helpers/app.ts'
import { validLead } from '../helpers/leads.ts'

// A client address of its own per test, so counters kept in a shared Redis never mix between runs.
const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`

t.test('in memory: the limit applies per client, with Retry-After and a localized problem', async t => {
  const h = await buildTestApp({ env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '60', TRUST_PROXY: 'true' } })
  t.teardown(h.close)
  const ip = randomIp()
  const post = (from: string) => h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead(), headers: { 'x-forwarded-for': from, 'accept-language': 'en' } })
  for (let i = 0; i < 3; i++) t.equal((await post(ip)).statusCode, 201)
  const limited = await post(ip)
  t.equal(limited.statusCode, 429)
  t.match(limited.headers['content-type'], /problem\+json/)
  t.match(limited.json(), { status: 429, title: 'Too many requests' })
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After says when to come back')
  t.equal((await post(randomIp())).statusCode, 201, 'another client is not limited')
  t.equal(await h.db.prisma.lead.count(), 4, 'a limited request stores nothing')
})

t.test('behind a proxy, without TRUST_PROXY, the proxy is the client', async t => {
  const h = await buildTestApp({ env: { RATE_LIMIT_MAX: '2' } })
  t.teardown(h.close)
  const post = () => h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead(), headers: { 'x-forwarded-for': randomIp() } })
  await post()
  await post()
  t.equal((await post()).statusCode, 429, 'a forged X-Forwarded-For does not escape the limit')
})

t.test('on Redis, several instances share one limit', { skip: process.env.TEST_REDIS_URL ? false : 'TEST_REDIS_URL is not set' }, async t => {
  const env = { RATE_LIMIT_MAX: '4', RATE_LIMIT_WINDOW: '60', TRUST_PROXY: 'true', REDIS_URL: process.env.TEST_REDIS_URL! }
  const a = await buildTestApp({ env })
  const b = await buildTestApp({ env })
  t.teardown(async () => { await a.close(); await b.close() })
  const ip = randomIp()
  const post = (h: typeof a) => h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead(), headers: { 'x-forwarded-for': ip } })
  const codes = [await post(a), await post(b), await post(a), await post(b), await post(a), await post(b)].map(r => r.statusCode)
  t.same(codes, [201, 201, 201, 201, 429, 429])
})
