import t from 'tap'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { validLead } from '../helpers/leads.ts'

// Validation needs no second database: it happens before anything is stored. Storage-related rules
// run on both databases in the other files.
let h: TestApp
t.before(async () => { h = await buildTestApp() })
t.teardown(() => h.close())

async function post (body: unknown, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url: '/api/leads', payload: body as object, headers })
}

const CASES: Array<{ name: string, body: Record<string, unknown>, field: string, code: string }> = [
  { name: 'missing full name', body: { fullName: undefined }, field: 'fullName', code: 'required' },
  { name: 'blank full name', body: { fullName: '   ' }, field: 'fullName', code: 'required' },
  { name: 'one-letter name', body: { fullName: 'A' }, field: 'fullName', code: 'too_short' },
  { name: 'name too long', body: { fullName: 'A'.repeat(121) }, field: 'fullName', code: 'too_long' },
  { name: 'CR LF in the name', body: { fullName: 'Bob\r\nBcc: x@evil.test' }, field: 'fullName', code: 'invalid_characters' },
  { name: 'LF in the name', body: { fullName: 'Bob\nBcc: x@evil.test' }, field: 'fullName', code: 'invalid_characters' },
  { name: 'U+2028 in the name', body: { fullName: 'Bob\u2028Bcc' }, field: 'fullName', code: 'invalid_characters' },
  { name: 'U+0085 in the name', body: { fullName: 'Bob\u0085Bcc' }, field: 'fullName', code: 'invalid_characters' },
  { name: 'right-to-left override in the name', body: { fullName: 'Bob\u202Egnp.exe' }, field: 'fullName', code: 'invalid_characters' },
  { name: 'NUL in the name', body: { fullName: 'Bob\u0000' }, field: 'fullName', code: 'invalid_characters' },
  { name: 'lone surrogate in the name', body: { fullName: 'Bob \uD800 X' }, field: 'fullName', code: 'invalid_characters' },
  { name: 'name as a number', body: { fullName: 42 }, field: 'fullName', code: 'invalid_type' },
  { name: 'name as an array', body: { fullName: ['a', 'b'] }, field: 'fullName', code: 'invalid_type' },
  { name: 'missing email', body: { email: undefined }, field: 'email', code: 'required' },
  { name: 'email without @', body: { email: 'amina.example.ma' }, field: 'email', code: 'invalid_email' },
  { name: 'email list with a comma', body: { email: 'a@example.ma, b@example.ma' }, field: 'email', code: 'single_email' },
  { name: 'email list with a semicolon', body: { email: 'a@example.ma;b@example.ma' }, field: 'email', code: 'single_email' },
  { name: 'two @', body: { email: 'a@b@example.ma' }, field: 'email', code: 'single_email' },
  { name: 'quoted local part', body: { email: '"a b"@example.ma' }, field: 'email', code: 'invalid_email' },
  { name: 'display name form', body: { email: 'Amina <a@example.ma>' }, field: 'email', code: 'invalid_email' },
  { name: 'CR LF in the email', body: { email: 'a@example.ma\r\nBcc: x@evil.test' }, field: 'email', code: 'invalid_characters' },
  { name: 'email without a top-level domain', body: { email: 'a@localhost' }, field: 'email', code: 'invalid_email' },
  { name: 'email too long', body: { email: `${'a'.repeat(64)}@${'b'.repeat(190)}.ma` }, field: 'email', code: 'too_long' },
  { name: 'missing details', body: { details: undefined }, field: 'details', code: 'required' },
  { name: 'details too short to be a request', body: { details: 'Bonjour' }, field: 'details', code: 'too_short' },
  { name: 'details too long', body: { details: 'a'.repeat(5001) }, field: 'details', code: 'too_long' },
  { name: 'NUL in the details', body: { details: 'Nous voulons un chatbot\u0000 pour nos clients' }, field: 'details', code: 'invalid_characters' },
  { name: 'bidi override in the details', body: { details: 'Nous voulons un chatbot \u202E pour nos clients' }, field: 'details', code: 'invalid_characters' },
  { name: 'phone with letters', body: { phone: 'call me maybe' }, field: 'phone', code: 'invalid_phone' },
  { name: 'page URL with a javascript: scheme', body: { pageUrl: 'javascript:alert(1)' }, field: 'pageUrl', code: 'invalid_url' },
  { name: 'consent that is not yes or no', body: { consent: 'maybe' }, field: 'consent', code: 'invalid_value' },
  { name: 'newline in the company', body: { company: 'ACME\nBcc: x' }, field: 'company', code: 'invalid_characters' },
  { name: 'utm source too long', body: { utm_source: 'x'.repeat(201) }, field: 'utmSource', code: 'too_long' }
]

for (const c of CASES) {
  t.test(`400 for ${c.name}`, async t => {
    const res = await post(validLead(c.body))
    t.equal(res.statusCode, 400)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    const problem = res.json()
    t.match(problem, { status: 400, type: /validation$/, title: String, detail: String, requestId: String })
    t.same(problem.errors.map((e: { field: string }) => e.field), [c.field], 'exactly the bad field is reported')
    t.equal(problem.errors[0].code, c.code)
    t.ok(problem.errors[0].message.length > 5)
  })
}

t.test('nothing is stored when validation fails', async t => {
  const before = await h.db.prisma.lead.count()
  await post(validLead({ email: 'nope' }))
  t.equal(await h.db.prisma.lead.count(), before)
})

t.test('every bad field is reported at once', async t => {
  const res = await post({ fullName: '', email: 'x', details: 'short' })
  t.same(res.json().errors.map((e: { field: string }) => e.field).sort(), ['details', 'email', 'fullName'])
})

t.test('messages are localized', async t => {
  const body = { fullName: 'Amina', email: 'x', details: 'Nous voulons un chatbot.' }
  const fr = (await post(body)).json()
  t.equal(fr.title, 'Formulaire incomplet', 'French by default')
  t.equal(fr.errors[0].message, 'Adresse e-mail invalide (exemple : nom@entreprise.ma).')

  const en = (await post(body, { 'accept-language': 'en-GB,en;q=0.9' })).json()
  t.equal(en.errors[0].message, 'Invalid email address (for example: name@company.com).')

  const ar = (await post({ ...body, locale: 'ar' }, { 'accept-language': 'en' })).json()
  t.equal(ar.errors[0].message, 'عنوان البريد الإلكتروني غير صالح (مثال: name@company.ma).', 'the locale field wins over Accept-Language')

  const deQ = (await post(body, { 'accept-language': 'de-DE, ar;q=0.5, en;q=0.4' })).json()
  t.equal(deQ.title, 'الاستمارة تحتاج إلى بعض التصحيحات', 'the best supported language by q-value')

  const short = (await post({ ...body, email: 'a@example.ma', details: 'court' }, { 'accept-language': 'en' })).json()
  t.equal(short.errors[0].message, 'Please write at least 10 characters.', 'bounds appear in the message')
})

t.test('a body that is not an object is a 400 about the form', async t => {
  for (const payload of ['[1,2]', '"text"', '42', 'null']) {
    const res = await h.app.inject({ method: 'POST', url: '/api/leads', headers: { 'content-type': 'application/json' }, payload })
    t.equal(res.statusCode, 400, payload)
    t.equal(res.json().errors?.[0]?.field ?? 'body', 'body', payload)
  }
})

t.test('text is normalised: NFC, trimmed, domain lower-cased', async t => {
  const res = await post(validLead({ fullName: '  Re\u0301mi  Dupont ', email: ' Remi.Dupont@EXAMPLE.Ma ' }))
  t.equal(res.statusCode, 201)
  const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.json().id } })
  t.equal(lead.fullName, 'Rémi  Dupont'.normalize('NFC'))
  t.equal(lead.email, 'Remi.Dupont@example.ma', 'the local part keeps its case; the domain is lower-cased')
})

t.test('aliases other forms use are accepted; unknown fields are ignored', async t => {
  const res = await post({ name: 'Karim Alaoui', email: 'karim@example.ma', message: 'Formation IA pour mon équipe de 12 personnes.', type: 'Formation', favouriteColour: 'blue', to: 'victim@example.com' })
  t.equal(res.statusCode, 201, res.body)
  const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.json().id } })
  t.equal(lead.fullName, 'Karim Alaoui')
  t.equal(lead.details, 'Formation IA pour mon équipe de 12 personnes.')
  t.equal(lead.projectTypeRaw, 'Formation')
})

t.test('optional fields, consent and origin are stored', async t => {
  const res = await post(validLead({
    company: 'Atlas Agro', phone: '+212 6 12 34 56 78', locale: 'en', consent: 'on', consentVersion: '2026-11',
    pageUrl: 'https://consultant.example/blog/ia', referrer: 'https://www.google.com/',
    utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'automne', utm_term: 'ia', utm_content: 'cta'
  }), { 'user-agent': 'Mozilla/5.0 ' + 'x'.repeat(500) })
  const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.json().id } })
  t.match(lead, {
    company: 'Atlas Agro', phone: '+212 6 12 34 56 78', locale: 'en', consent: true, consentVersion: '2026-11',
    pageUrl: 'https://consultant.example/blog/ia', referrer: 'https://www.google.com/',
    utmSource: 'newsletter', utmMedium: 'email', utmCampaign: 'automne', utmTerm: 'ia', utmContent: 'cta'
  })
  t.ok(lead.consentAt instanceof Date)
  t.equal(lead.userAgent?.length, 300, 'the user agent is truncated')
  t.match(lead.ipHash, /^[0-9a-f]{32}$/, 'a fingerprint, not the address')
  t.not(lead.ipHash, '127.0.0.1')
  const event = await h.db.prisma.leadEvent.findFirstOrThrow({ where: { leadId: lead.id } })
  t.equal(event.type, 'created')
})

t.test('a bad Idempotency-Key header is a 400', async t => {
  const res = await post(validLead(), { 'idempotency-key': 'has spaces in it' })
  t.equal(res.statusCode, 400)
})
