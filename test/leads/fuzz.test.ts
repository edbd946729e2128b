import t from 'tap'
import fc from 'fast-check'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'

// Hostile and random bodies: never a 5xx; every 2xx is stored exactly once; every 4xx stores nothing.

const FIELDS = ['fullName', 'name', 'email', 'projectType', 'type', 'details', 'message', 'company', 'phone', 'locale',
  'consent', 'consentVersion', 'pageUrl', 'referrer', 'utm_source', 'utmCampaign', 'website', 'redirect', '__proto__', 'constructor', 'to', 'cc', 'subject']

const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', 'Bob\r\nBcc: x@evil.test', 'a@b.co', 'a@example.ma, b@example.ma', '"x y"@example.ma',
    '<script>alert(1)</script>', '\u202Eevil', '\uD800', 'x'.repeat(6000), 'نريد روبوت محادثة لعيادتنا', 'javascript:alert(1)',
    'Nous voulons un chatbot pour nos clients.', 'Amina El Idrissi', 'amina@example.ma', 'on', 'true', 'fr', 'ar')
)
const value = fc.oneof(hostileText, fc.integer(), fc.boolean(), fc.constant(null), fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileText, { maxKeys: 2 }))
const plausible = fc.record({
  fullName: fc.oneof(fc.constant('Amina El Idrissi'), hostileText),
  email: fc.oneof(fc.emailAddress(), hostileText),
  details: fc.oneof(fc.lorem({ maxCount: 12 }), hostileText)
})
const body = fc.tuple(plausible, fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }))
  .map(([base, extra]) => ({ ...base, ...extra }))

/** What a browser could send: repeated keys for lists, text for everything else. */
function formEncode (fields: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, typeof item === 'string' ? item : JSON.stringify(item) ?? '')
  }
  return params.toString()
}

for (const kind of testDatabases()) {
  t.test(`${kind}: random and hostile bodies`, async t => {
    const h = await buildTestApp({ kind })
    t.teardown(h.close)
    let accepted = 0
    await fc.assert(fc.asyncProperty(body, fc.boolean(), async (payload, asForm) => {
      const before = await h.db.prisma.lead.count()
      const res = asForm
        ? await h.app.inject({ method: 'POST', url: '/api/leads', payload: formEncode(payload), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
        : await h.app.inject({ method: 'POST', url: '/api/leads', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } })
      const after = await h.db.prisma.lead.count()
      if (res.statusCode >= 500) throw new Error(`${res.statusCode} for ${JSON.stringify(payload).slice(0, 300)}: ${res.body}`)
      if (res.statusCode === 201) {
        accepted++
        if (after !== before + 1) throw new Error('a 201 must store exactly one lead')
        if (await h.db.prisma.lead.count({ where: { id: res.json().id } }) !== 1) throw new Error('the answered id is stored')
      } else if (res.statusCode === 200) {
        if (after !== before || !res.json().duplicate) throw new Error('a 200 is a duplicate that stores nothing')
      } else if (after !== before) {
        throw new Error(`a ${res.statusCode} stored something`)
      }
    }), { numRuns: kind === 'sqlite' ? 300 : 150, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) })
    t.ok(accepted > 0, `some random bodies were valid (${accepted})`)
  })
}
