/// <reference lib="dom" />
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { TEXTS } from '../../src/form/texts.ts'
import { chromiumFor, fillForm, newPage, screenshot, serveApp, visitor } from '../helpers/browser.ts'

// The form embedded in another site: a page served from another port (another origin) that holds
// the embed snippet, whose script posts to the service with fetch. The browser's CORS check lets
// the post through only when the site's origin is in CORS_ORIGINS. SQLite only, as every browser test.

const { skip, browser } = chromiumFor(t)

// The service's port is known only once it listens, after PUBLIC_BASE_URL was read: the snippet
// is made for this placeholder, which the site swaps for the real address.
const PLACEHOLDER = 'https://leadline.invalid'

/** A stand-in for the consultant's website, showing the embed snippet pointed at `service()`. */
async function site (service: () => string): Promise<{ url: string, server: Server }> {
  const server = createServer((_req, res) => {
    // The snippet as the service hands it out for this deployment, pasted into the site's page.
    fetch(`${service()}/form/snippet?lang=fr`).then(r => r.text()).then(text => {
      const snippet = text.replaceAll(PLACEHOLDER, service())
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Cabinet Tazi Conseil</title></head>
<body><h1>Contactez-nous</h1>
${snippet}</body></html>`)
    }, err => { res.writeHead(502); res.end(String(err)) })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

async function siteAndService (corsOrigins: (siteUrl: string) => string) {
  let serviceUrl = ''
  const s = await site(() => serviceUrl)
  const app = await serveApp({ CORS_ORIGINS: corsOrigins(s.url), PUBLIC_BASE_URL: PLACEHOLDER })
  serviceUrl = app.url
  return { site: s, app, close: async () => { await app.close(); await new Promise(resolve => s.server.close(resolve)) } }
}

t.test('a site whose origin is in CORS_ORIGINS posts the embedded form with fetch and thanks in place', { skip }, async t => {
  const { site, app, close } = await siteAndService(siteUrl => siteUrl)
  t.teardown(close)
  const page = await newPage(browser())
  await page.goto(`${site.url}/contact?utm_source=newsletter`)
  const v = visitor()
  await fillForm(page, v)
  const response = page.waitForResponse(r => r.url() === `${app.url}/api/leads` && r.request().method() === 'POST')
  await page.click('.ll-submit')
  t.equal((await response).status(), 201)
  await page.waitForSelector('.ll-success:not(:empty)')
  t.equal(await page.textContent('.ll-success'), `${TEXTS.fr.thanksTitle} ${TEXTS.fr.thanksBody}`)
  t.equal(page.url(), `${site.url}/contact?utm_source=newsletter`, 'the visitor stays on the site')
  await screenshot(page, 'embed-thanks')
  const lead = await app.db.prisma.lead.findFirstOrThrow()
  t.match(lead, { email: v.email, pageUrl: `${site.url}/contact?utm_source=newsletter`, utmSource: 'newsletter', status: 'new' })
})

t.test('a site whose origin is not in CORS_ORIGINS cannot post by fetch: the visitor is told, nothing is stored', { skip }, async t => {
  const { site, app, close } = await siteAndService(() => 'https://www.other-site.example')
  t.teardown(close)
  const page = await newPage(browser())
  await page.goto(`${site.url}/contact`)
  await fillForm(page, visitor())
  await page.click('.ll-submit')
  await page.waitForSelector('.ll-summary:not(:empty)')
  t.match(await page.textContent('.ll-summary'), TEXTS.fr.networkError, 'the browser refused the cross-origin post')
  t.equal(page.url(), `${site.url}/contact`)

  const direct = await page.evaluate(async url => {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fullName: 'Bot', email: 'bot@example.ma', details: 'Un message envoyé par un script.' }) })
      return `status ${res.status}`
    } catch (err) { return (err as Error).name }
  }, `${app.url}/api/leads`)
  t.equal(direct, 'TypeError', 'a script on that site cannot read or send through CORS')
  t.equal(await app.db.prisma.lead.count(), 0)
})

t.test('without JavaScript the embedded form is a plain post: the visitor lands on the service’s thank-you page', { skip }, async t => {
  const { site, app, close } = await siteAndService(siteUrl => siteUrl)
  t.teardown(close)
  const page = await newPage(browser(), { javaScriptEnabled: false })
  await page.goto(`${site.url}/contact`)
  const v = visitor()
  await fillForm(page, v)
  await page.click('.ll-submit')
  await page.waitForURL(`${app.url}/thank-you?lang=fr`)
  t.equal(await page.textContent('h1'), TEXTS.fr.thanksTitle)
  t.equal(await app.db.prisma.lead.count({ where: { email: v.email } }), 1)
})
