import { Validator } from '@seriousme/openapi-schema-validator'
import t from 'tap'
import { buildConsultantApp, consultantRoutes } from './fixtures.ts'

t.test('GET /openapi.json is a valid OpenAPI 3.1 document listing every route, its errors and the security scheme', async t => {
  const h = await buildConsultantApp()
  t.teardown(h.close)
  const res = await h.app.inject({ url: '/openapi.json' })
  t.equal(res.statusCode, 200)
  const doc = res.json()
  t.equal(doc.openapi, '3.1.0')
  const result = await new Validator().validate(doc)
  t.ok(result.valid, `validates against the OpenAPI 3.1 schema: ${JSON.stringify(result.errors ?? '').slice(0, 500)}`)
  t.same(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', description: doc.components.securitySchemes.bearerAuth.description })

  const consultant = consultantRoutes('{id}', '{deliveryId}')
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map(m => `${m.toUpperCase()} ${path}`))
  for (const route of [...consultant, { method: 'POST', url: '/api/leads' }, { method: 'GET', url: '/health' }, { method: 'GET', url: '/ready' }]) {
    t.ok(documented.includes(`${route.method} ${route.url}`), `${route.method} ${route.url} is documented`)
  }
  for (const route of consultant) {
    const op = doc.paths[route.url][route.method.toLowerCase()]
    t.same(op.security, [{ bearerAuth: [] }], `${route.method} ${route.url} requires the key`)
    for (const status of ['400', '401', '429', '503']) {
      t.ok(op.responses[status]?.content?.['application/problem+json'], `${route.method} ${route.url} documents its ${status} as problem+json`)
    }
  }
  t.ok(doc.paths['/api/leads/{id}'].patch.responses['409'], 'PATCH documents the forbidden transition')
  t.ok(doc.paths['/api/leads/{id}'].patch.responses['412'], 'PATCH documents the stale If-Match')
  t.ok(doc.paths['/api/leads/export.csv'].get.responses['200'].content['text/csv'], 'the CSV export says it answers text/csv')
  const params = doc.paths['/api/leads'].get.parameters.map((p: { name: string }) => p.name)
  for (const name of ['status', 'projectType', 'sector', 'capability', 'language', 'spam', 'scoreMin', 'scoreMax', 'createdFrom', 'createdTo', 'q', 'sort', 'order', 'limit', 'cursor']) {
    t.ok(params.includes(name), `the list documents ?${name}`)
  }
  t.notOk(documented.some(r => r.includes('/docs') || r.includes('/openapi.json')), 'the docs do not document themselves')
})

t.test('GET /docs serves Swagger UI with its own CSP; the rest keeps the strict one', async t => {
  const h = await buildConsultantApp()
  t.teardown(h.close)
  const res = await h.app.inject({ url: '/docs/' })
  const page = res.statusCode === 302 ? await h.app.inject({ url: String(res.headers.location) }) : res
  t.equal(page.statusCode, 200)
  t.match(page.body, /swagger-ui/i)
  t.match(page.headers['content-security-policy'], /script-src 'self'/)
  t.notMatch(page.headers['content-security-policy'], /upgrade-insecure-requests/)
  const api = await h.app.inject({ url: '/api/leads', headers: h.auth })
  t.match(api.headers['content-security-policy'], /default-src 'self'/)
  t.match(api.headers['content-security-policy'], /frame-ancestors 'none'/)
})
