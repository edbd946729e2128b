import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { createApiKeyStore, hashApiKey } from '../../src/consultant/api-keys.ts'
import { childEnv, ROOT, tsxArgs } from '../helpers/child.ts'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, consultantRoutes, insertLead } from './fixtures.ts'

for (const kind of testDatabases()) {
  t.test(`${kind}: every consultant route refuses a missing, malformed, unknown or revoked key with the same 401`, async t => {
    // 55 failures on purpose: the failure limit is the subject of another test.
    const h = await buildConsultantApp({ kind, env: { API_AUTH_MAX_FAILURES: '1000' } })
    t.teardown(h.close)
    const lead = await insertLead(h.db)
    const keys = createApiKeyStore({ db: h.db })
    const revoked = await keys.create('former colleague')
    t.ok(await keys.revoke(revoked.id))
    const bad: Record<string, Record<string, string>> = {
      none: {},
      'not bearer': { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      malformed: { authorization: 'Bearer not-a-key' },
      unknown: { authorization: `Bearer ll_${'A'.repeat(32)}` },
      revoked: { authorization: `Bearer ${revoked.key}` }
    }
    for (const route of consultantRoutes(lead)) {
      const bodies = new Set<string>()
      for (const [why, headers] of Object.entries(bad)) {
        const res = await h.app.inject({ ...route, headers })
        t.equal(res.statusCode, 401, `${route.method} ${route.url} with ${why} key`)
        t.match(res.headers['content-type'], /^application\/problem\+json/)
        t.equal(res.headers['www-authenticate'], 'Bearer realm="leadline"')
        const { requestId: _, ...problem } = res.json()
        bodies.add(JSON.stringify(problem))
      }
      t.equal(bodies.size, 1, `${route.method} ${route.url}: the answer does not say what was wrong`)
    }
    // Nothing changed behind the refusals.
    const stored = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: lead } })
    t.equal(stored.status, 'new')
    t.equal(stored.erasedAt, null)
    t.equal(await h.db.prisma.note.count(), 0)
  })

  t.test(`${kind}: a valid key opens every route; only its hash is stored; last use is recorded`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const lead = await insertLead(h.db)
    for (const route of consultantRoutes(lead).filter(r => r.method !== 'DELETE')) {
      const res = await h.app.inject({ ...route, headers: h.auth })
      t.not(res.statusCode, 401, `${route.method} ${route.url}`)
      t.ok(res.statusCode < 500, `${route.method} ${route.url}: ${res.statusCode}`)
    }
    const rows = await h.db.prisma.apiKey.findMany()
    t.equal(rows.length, 1)
    t.match(h.key, /^ll_[A-Za-z0-9_-]{32}$/, 'a recognisable prefix and 192 random bits')
    t.equal(rows[0]!.hash, hashApiKey(h.key))
    t.notOk(JSON.stringify(rows).includes(h.key.slice(3)), 'the key itself is nowhere in the table')
    t.equal(rows[0]!.prefix, h.key.slice(0, 9))
    t.ok(rows[0]!.lastUsedAt, 'last use recorded')
    t.notOk(h.rawLogs().includes(h.key), 'the key never reaches the log')
  })

  t.test(`${kind}: repeated failures from one client are rate limited, before any key is checked`, async t => {
    const h = await buildConsultantApp({ kind, env: { API_AUTH_MAX_FAILURES: '3', API_AUTH_FAILURE_WINDOW: '600' } })
    t.teardown(h.close)
    for (let i = 0; i < 3; i++) {
      const res = await h.app.inject({ url: '/api/leads', headers: { authorization: `Bearer ll_${String(i).repeat(32)}` } })
      t.equal(res.statusCode, 401, `attempt ${i + 1}`)
    }
    const blocked = await h.app.inject({ url: '/api/leads', headers: { authorization: `Bearer ll_${'x'.repeat(32)}` } })
    t.equal(blocked.statusCode, 429)
    t.match(blocked.headers['content-type'], /^application\/problem\+json/)
    t.ok(Number(blocked.headers['retry-after']) > 0, 'says when to come back')
    const evenRight = await h.app.inject({ url: '/api/leads', headers: h.auth })
    t.equal(evenRight.statusCode, 429, 'a guessed key is not even looked at while the client is blocked')
    const other = await h.app.inject({ url: '/api/leads', headers: h.auth, remoteAddress: '10.9.8.7' })
    t.equal(other.statusCode, 200, 'another client is not affected')
  })

  t.test(`${kind}: successful calls do not count as failures`, async t => {
    const h = await buildConsultantApp({ kind, env: { API_AUTH_MAX_FAILURES: '2' } })
    t.teardown(h.close)
    for (let i = 0; i < 5; i++) t.equal((await h.app.inject({ url: '/api/stats', headers: h.auth })).statusCode, 200)
  })

  t.test(`${kind}: CORS never opens the consultant routes to another origin`, async t => {
    const h = await buildConsultantApp({ kind, env: { CORS_ORIGINS: 'https://site.example' } })
    t.teardown(h.close)
    const lead = await insertLead(h.db)
    for (const route of consultantRoutes(lead)) {
      const preflight = await h.app.inject({
        method: 'OPTIONS',
        url: route.url,
        headers: { origin: 'https://site.example', 'access-control-request-method': route.method, 'access-control-request-headers': 'authorization' }
      })
      const allowOrigin = preflight.headers['access-control-allow-origin']
      const allowHeaders = String(preflight.headers['access-control-allow-headers'] ?? '').toLowerCase()
      const allowMethods = String(preflight.headers['access-control-allow-methods'] ?? '')
      const opened = allowOrigin !== undefined && allowHeaders.includes('authorization') && (route.method === 'GET' || allowMethods.includes(route.method))
      t.notOk(opened, `preflight ${route.method} ${route.url}`)
      const res = await h.app.inject({ ...route, headers: { ...h.auth, origin: 'https://site.example' } })
      t.equal(res.headers['access-control-allow-origin'], undefined, `${route.method} ${route.url} answers no allow-origin`)
    }
  })
}

t.test('the apikey CLI creates, lists and revokes keys', async t => {
  const h = await buildConsultantApp()
  t.teardown(h.close)
  const run = (...args: string[]) => promisify(execFile)(process.execPath, tsxArgs('src/consultant/cli/apikey.ts', ...args), {
    cwd: ROOT,
    env: childEnv({ DATABASE_URL: h.config.databaseUrl })
  })
  const created = await run('create', 'Zineb laptop')
  const key = /^(ll_\S+)$/m.exec(created.stdout)?.[1]
  t.ok(key, 'prints the key once')
  const row = await h.db.prisma.apiKey.findFirstOrThrow({ where: { name: 'Zineb laptop' } })
  t.equal(row.hash, hashApiKey(key!))
  t.equal((await h.app.inject({ url: '/api/leads', headers: { authorization: `Bearer ${key}` } })).statusCode, 200)
  const listed = await run('list')
  t.match(listed.stdout, row.id)
  t.notMatch(listed.stdout, key!, 'list never shows a key')
  await run('revoke', row.id)
  t.equal((await h.app.inject({ url: '/api/leads', headers: { authorization: `Bearer ${key}` } })).statusCode, 401)
  await t.rejects(run('create'), 'a name is required')
})

t.test('the first start creates one key and later starts none', async t => {
  const h = await buildConsultantApp()
  t.teardown(h.close)
  const keys = createApiKeyStore({ db: h.db })
  t.equal(await keys.createFirstKey(), undefined, 'a key exists already: nothing made')
  await h.db.prisma.apiKey.deleteMany()
  const first = await keys.createFirstKey()
  t.ok(first?.key)
  t.equal(await keys.createFirstKey(), undefined)
  t.equal(await h.db.prisma.apiKey.count(), 1)
})
