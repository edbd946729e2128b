import t from 'tap'
import { PROJECT_TYPE_LABELS, PROJECT_TYPES } from '../../src/classification/taxonomy.ts'
import { loadConfig } from '../../src/config.ts'
import { CONSENT_VERSION } from '../../src/form/consent.ts'
import { TEXTS } from '../../src/form/texts.ts'
import { fieldMessage } from '../../src/http/messages.ts'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { formEncode, validLead } from '../helpers/leads.ts'

// The pages as HTML, through app.inject: what the browser tests rely on, plus what a browser
// cannot easily show (headers, escaping of hostile values, configuration).

let h: TestApp
t.before(async () => { h = await buildTestApp() })
t.teardown(() => h.close())

const get = (url: string, headers: Record<string, string> = {}, app = h) => app.app.inject({ method: 'GET', url, headers })
const formPost = (payload: string, app = h) => app.app.inject({
  method: 'POST', url: '/api/leads', payload, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
})

/** The hidden inputs of a rendered form, as the browser would post them. */
function hiddenFields (html: string): Record<string, string> {
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map(m => [m[1]!, unescape(m[2]!)]))
}

t.test('GET / serves the form in French by default, with the taxonomy’s codes and labels', async t => {
  const res = await get('/')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/html; charset=utf-8/)
  t.equal(res.headers['content-language'], 'fr')
  t.match(res.headers.vary, /Accept-Language/)
  t.match(res.body, '<html lang="fr" dir="ltr">')
  for (const label of ['Nom complet', 'Adresse e-mail', 'Type de projet', 'Détails du projet']) t.match(res.body, `>${label}`)
  for (const code of PROJECT_TYPES) t.match(res.body, `<option value="${code}">${PROJECT_TYPE_LABELS[code].fr.replace('/', '/')}</option>`)
  t.same(hiddenFields(res.body), {
    locale: 'fr', consent: 'true', consentVersion: CONSENT_VERSION, redirect: '/thank-you?lang=fr',
    pageUrl: '', referrer: '', utmSource: '', utmMedium: '', utmCampaign: '', utmTerm: '', utmContent: ''
  })
  for (const field of ['fullName', 'email', 'details']) t.match(res.body, new RegExp(`<label for="ll-${field}">[^<]+<span class="ll-star" aria-hidden="true">\\*</span></label>`), `${field} has a bound label`)
  t.match(res.body, /<input type="text" id="ll-website" name="website" tabindex="-1" autocomplete="off"/)
  t.match(res.body, /<div class="ll-hp" aria-hidden="true">/)
})

t.test('the pages keep the strict content security policy: scripts and styles are files, nothing inline', async t => {
  for (const url of ['/', '/thank-you']) {
    const res = await get(url)
    const csp = res.headers['content-security-policy'] as string
    t.match(csp, "script-src 'self';")
    t.match(csp, "script-src-attr 'none'")
    t.notMatch(csp, /script-src[^;]*unsafe/)
    t.notMatch(res.body, /<script(?![^>]*\bsrc=)/, `${url}: no inline script`)
    t.notMatch(res.body, /\son[a-z]+=/i, `${url}: no event handler attributes`)
    t.notMatch(res.body, /<style|\sstyle=/, `${url}: no inline style`)
  }
})

t.test('the language comes from ?lang=, else Accept-Language; Arabic is right to left', async t => {
  const ar = await get('/?lang=ar')
  t.match(ar.body, '<html lang="ar" dir="rtl">')
  t.match(ar.body, `<h1>${TEXTS.ar.title}</h1>`)
  t.match(ar.body, `>${PROJECT_TYPE_LABELS.training.ar}</option>`)
  t.match(ar.body, '<input type="hidden" name="locale" value="ar">')
  t.match((await get('/', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' })).body, '<html lang="en" dir="ltr">')
  t.match((await get('/?lang=de', { 'accept-language': 'ar-MA' })).body, '<html lang="ar" dir="rtl">', 'a language we do not serve falls back')
  t.equal((await get('/?lang=en', { 'accept-language': 'ar' })).headers['content-language'], 'en', '?lang= wins')
})

t.test('UTM parameters of the page are carried by the form', async t => {
  const res = await get('/?utm_source=linkedin&utm_campaign=%22%3E%3Cb%3E')
  t.match(hiddenFields(res.body), { utmSource: 'linkedin', utmCampaign: '"><b>' })
  t.notMatch(res.body, '"><b>')
})

t.test('the thank-you page speaks the visitor’s language and leads back to the form', async t => {
  const fr = await get('/thank-you')
  t.equal(fr.statusCode, 200)
  t.match(fr.body, `<h1>${TEXTS.fr.thanksTitle}</h1>`)
  t.match(fr.body, '<a href="/?lang=fr">')
  t.match((await get('/thank-you?lang=ar')).body, '<html lang="ar" dir="rtl">')
  t.match((await get('/thank-you', { 'accept-language': 'en' })).body, `<h1>${TEXTS.en.thanksTitle}</h1>`)
})

t.test('the script and the stylesheet are served as files that other sites may load, with revalidation', async t => {
  const js = await get('/form/form.js')
  t.equal(js.statusCode, 200)
  t.equal(js.headers['content-type'], 'text/javascript; charset=utf-8')
  t.equal(js.headers['cross-origin-resource-policy'], 'cross-origin')
  t.match(js.body, 'form[data-leadline]')
  const again = await get('/form/form.js', { 'if-none-match': js.headers.etag as string })
  t.equal(again.statusCode, 304)
  t.equal(again.body, '')
  const css = await get('/form/form.css')
  t.equal(css.headers['content-type'], 'text/css; charset=utf-8')
  t.equal((await get('/form/secrets.txt')).statusCode, 400)
  t.equal((await get('/form/..%2fconsent.ts')).statusCode, 400)
})

t.test('GET /form/snippet gives the embed snippet for this deployment: absolute addresses from PUBLIC_BASE_URL', async t => {
  const app = await buildTestApp({ env: { PUBLIC_BASE_URL: 'https://leads.tazi.example/', FORM_PAGE_ENABLED: 'false' } })
  t.teardown(app.close)
  const res = await get('/form/snippet?lang=ar', {}, app)
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/plain; charset=utf-8')
  t.match(res.body, '<link rel="stylesheet" href="https://leads.tazi.example/form/form.css">')
  t.match(res.body, '<script src="https://leads.tazi.example/form/form.js" defer></script>')
  t.match(res.body, '<form class="ll-form" method="post" action="https://leads.tazi.example/api/leads"')
  t.match(hiddenFields(res.body), { locale: 'ar', redirect: '/thank-you?lang=ar', consentVersion: CONSENT_VERSION })
})

t.test('the consent notice names who collects and where to write, from the configuration, escaped', async t => {
  const generic = await get('/')
  t.match(generic.body, 'collectées par le consultant qui publie ce site')
  t.match(generic.body, '<a href="mailto:consultant@localhost" dir="ltr">consultant@localhost</a>', 'the consultant’s address by default')
  t.match(generic.body, `<bdi dir="ltr">${CONSENT_VERSION}</bdi>`)
  const named = await buildTestApp({ env: { PRIVACY_CONTROLLER: 'Cabinet <Tazi> & Associés', PRIVACY_CONTACT: 'dpo@tazi.example' } })
  t.teardown(named.close)
  const res = await get('/?lang=en', {}, named)
  t.match(res.body, 'collected by Cabinet &lt;Tazi&gt; &amp; Associés, only')
  t.match(res.body, 'mailto:dpo@tazi.example')
})

t.test('FORM_PAGE_ENABLED=false turns GET / off; the thank-you page and the assets stay for embedded forms', async t => {
  const off = await buildTestApp({ env: { FORM_PAGE_ENABLED: 'false' } })
  t.teardown(off.close)
  const page = await get('/', {}, off)
  t.equal(page.statusCode, 404)
  t.match(page.headers['content-type'], 'application/problem+json')
  const thanks = await get('/thank-you', {}, off)
  t.equal(thanks.statusCode, 200)
  t.notMatch(thanks.body, 'href="/?lang=', 'no link to a form that is not there')
  t.equal((await get('/form/form.js', {}, off)).statusCode, 200)
})

t.test('settings: FORM_PAGE_ENABLED defaults to true; the privacy contact defaults to the first NOTIFY_TO', async t => {
  t.match(loadConfig({}).form, { pageEnabled: true, privacyController: undefined, privacyContact: 'consultant@localhost' })
  t.match(loadConfig({ FORM_PAGE_ENABLED: 'no', NOTIFY_TO: 'karim@tazi.example,b@tazi.example' }).form, { pageEnabled: false, privacyContact: 'karim@tazi.example' })
  t.throws(() => loadConfig({ PRIVACY_CONTACT: 'not an address' }), /PRIVACY_CONTACT/)
  t.throws(() => loadConfig({ FORM_PAGE_ENABLED: 'maybe' }), /FORM_PAGE_ENABLED/)
})

t.test('a thank-you URL elsewhere is left to the service; a local one gets the page’s language', async t => {
  const elsewhere = await buildTestApp({ env: { THANK_YOU_URL: 'https://www.tazi.example/merci' } })
  t.teardown(elsewhere.close)
  const page = await get('/?lang=en', {}, elsewhere)
  t.notOk('redirect' in hiddenFields(page.body))
  const post = await formPost(formEncode({ ...hiddenFields(page.body), ...validLead() }), elsewhere)
  t.equal(post.statusCode, 303)
  t.equal(post.headers.location, 'https://www.tazi.example/merci')

  const local = await buildTestApp({ env: { THANK_YOU_URL: '/merci?from=form#top' } })
  t.teardown(local.close)
  t.equal(hiddenFields((await get('/?lang=ar', {}, local)).body).redirect, '/merci?from=form&lang=ar#top')
})

t.test('a plain post that needs fixing comes back as the form: values kept and escaped, each message by its field', async t => {
  const hostile = '"><script>alert(1)</script>'
  const res = await formPost(formEncode({
    fullName: hostile, email: 'x@', details: '</textarea><img src=x>', projectType: 'training', locale: 'en',
    website: '', redirect: '/thank-you?lang=en', pageUrl: 'https://www.tazi.example/contact', utmSource: 'mail'
  }))
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], 'text/html')
  t.notMatch(res.body, '<script>alert')
  t.notMatch(res.body, '<img src=x>')
  t.match(res.body, `value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`)
  t.match(res.body, '>&lt;/textarea&gt;&lt;img src=x&gt;</textarea>')
  t.match(res.body, '<option value="training" selected>')
  t.match(res.body, /<input type="email" id="ll-email" name="email" aria-required="true" aria-invalid="true" aria-describedby="ll-email-error" autofocus/)
  t.match(res.body, `<p class="ll-error" id="ll-email-error">${fieldMessage('invalid_email', 'en')}</p>`)
  t.match(res.body, `<li><a href="#ll-email">Email address</a>: ${fieldMessage('invalid_email', 'en')}</li>`)
  t.match(res.body, '<title>The form needs a few fixes – Need help with an AI project?</title>')
  t.match(hiddenFields(res.body), { locale: 'en', redirect: '/thank-you?lang=en', pageUrl: 'https://www.tazi.example/contact', utmSource: 'mail' })
  t.match(res.body, '<a href="https://www.tazi.example/contact">Back to the previous page</a>')
})

t.test('the error page links back only to web pages, and drops values that are not text or were refused in hidden fields', async t => {
  const res = await formPost('fullName=a&fullName=b&email=a%40b.ma&details=trop&pageUrl=javascript%3Aalert(1)')
  t.equal(res.statusCode, 400)
  t.notMatch(res.body, 'javascript:', 'no link to it, and the refused hidden value is not carried on')
  t.equal(hiddenFields(res.body).pageUrl, '')
  t.match(res.body, /id="ll-fullName" name="fullName"[^>]* value=""/)
  t.match(res.body, `<p class="ll-error" id="ll-fullName-error">${fieldMessage('invalid_type', 'fr')}</p>`)
  t.match(res.body, /<textarea id="ll-details" name="details" aria-required="true" aria-invalid="true" aria-describedby="ll-details-hint ll-details-error"/, 'the hint and the error both describe the field')
  t.match(res.body, `<p class="ll-error" id="ll-details-error">${fieldMessage('too_short', 'fr', { min: 10 })}</p>`)
})

t.test('an error that is not about a field (too large) still gives the form back, with the reason on top', async t => {
  const res = await formPost(`fullName=Amina&details=${'x'.repeat(70 * 1024)}`)
  t.equal(res.statusCode, 413)
  t.match(res.body, /<div class="ll-summary" id="ll-summary" role="alert" tabindex="-1" autofocus><p><strong>Envoi trop volumineux<\/strong>/)
  t.match(res.body, '<form class="ll-form"')
})

for (const kind of testDatabases()) {
  t.test(`${kind}: the form as served, posted as a browser does, stores the lead with the notice’s version`, async t => {
    const app = await buildTestApp({ kind })
    t.teardown(app.close)
    const page = await get('/?lang=en', {}, app)
    const lead = validLead()
    const res = await formPost(formEncode({ ...hiddenFields(page.body), ...lead, website: '' }), app)
    t.equal(res.statusCode, 303)
    t.equal(res.headers.location, '/thank-you?lang=en')
    const stored = await app.db.prisma.lead.findFirstOrThrow()
    t.match(stored, { email: lead.email, locale: 'en', consent: true, consentVersion: CONSENT_VERSION, status: 'new' })
    t.type(stored.consentAt, Date)
  })
}
