import t from 'tap'
import { buildTestApp } from '../helpers/app.ts'
import { validLead } from '../helpers/leads.ts'

t.test('CORS opens the form endpoint to the configured site origins only', async t => {
  const h = await buildTestApp({ env: { CORS_ORIGINS: 'https://consultant.example,http://localhost:8080' } })
  t.teardown(h.close)

  const preflight = (origin: string, url = '/api/leads') => h.app.inject({
    method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
  })
  const allowed = await preflight('https://consultant.example')
  t.equal(allowed.headers['access-control-allow-origin'], 'https://consultant.example')
  t.match(allowed.headers['access-control-allow-methods'], /POST/)

  const stranger = await preflight('https://evil.example')
  t.equal(stranger.headers['access-control-allow-origin'], undefined)

  const post = await h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead(), headers: { origin: 'http://localhost:8080' } })
  t.equal(post.statusCode, 201)
  t.equal(post.headers['access-control-allow-origin'], 'http://localhost:8080')

  for (const url of ['/api/leads/some-id', '/api/stats', '/health']) {
    const res = await h.app.inject({ method: 'GET', url, headers: { origin: 'https://consultant.example' } })
    t.equal(res.headers['access-control-allow-origin'], undefined, `${url} is never opened to other origins`)
    const pre = await preflight('https://consultant.example', url)
    t.equal(pre.headers['access-control-allow-origin'], undefined, `no preflight grant for ${url}`)
  }
  const list = await h.app.inject({ method: 'GET', url: '/api/leads', headers: { origin: 'https://consultant.example' } })
  t.equal(list.headers['access-control-allow-origin'], undefined, 'the consultant list shares the path but not the grant')
})

t.test('with no CORS_ORIGINS, no origin is granted', async t => {
  const h = await buildTestApp()
  t.teardown(h.close)
  const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead(), headers: { origin: 'https://consultant.example' } })
  t.equal(res.statusCode, 201)
  t.equal(res.headers['access-control-allow-origin'], undefined)
})

t.test('the CSP lets our forms reach the thank-you page and allowlisted redirects, nothing else', async t => {
  const h = await buildTestApp({ env: { THANK_YOU_URL: 'https://www.consultant.example/merci', REDIRECT_ALLOWLIST: 'https://blog.consultant.example', CORS_ORIGINS: 'https://other.example' } })
  t.teardown(h.close)
  const csp = (await h.app.inject('/health')).headers['content-security-policy'] as string
  const formAction = csp.split(';').find(d => d.startsWith('form-action'))
  t.equal(formAction, "form-action 'self' https://blog.consultant.example https://www.consultant.example")
  t.notMatch(csp, /upgrade-insecure-requests/, 'plain-HTTP deployments keep working')
})
