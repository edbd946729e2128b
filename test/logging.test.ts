import t from 'tap'
import { buildTestApp } from './helpers/app.ts'
import { formEncode } from './helpers/leads.ts'

t.test('request lines carry method, route, status and duration, and no personal data', async t => {
  const h = await buildTestApp({ env: { TRUST_PROXY: 'true' } })
  t.teardown(h.close)
  const lead = {
    fullName: 'Zineb Tazi-Unique', email: 'zineb.unique@example.ma', phone: '+212600000042', company: 'Tazi Consulting Unique',
    details: 'Un projet très confidentiel de détection de fraude, référence XJ-4417.'
  }
  const headers = { 'x-forwarded-for': '203.0.113.77', authorization: 'Bearer ll_secretsecret' }
  await h.app.inject({ method: 'POST', url: '/api/leads', payload: lead, headers })
  await h.app.inject({ method: 'POST', url: '/api/leads', payload: formEncode({ ...lead, email: 'bad' }), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } })
  await h.app.inject({ method: 'GET', url: `/health?email=${lead.email}`, headers })

  const lines = h.logs.filter(l => l.msg === 'request')
  t.equal(lines.length, 3)
  t.match(lines[0], { method: 'POST', route: '/api/leads', status: 201, durationMs: Number, reqId: String })
  t.match(lines[2], { method: 'GET', route: '/health', status: 200 })

  const raw = h.rawLogs()
  for (const secret of [lead.fullName, lead.email, lead.phone, lead.company, 'XJ-4417', '203.0.113.77', '127.0.0.1', 'll_secretsecret', 'zineb']) {
    t.notOk(raw.includes(secret), `the log never contains ${secret}`)
  }
})
