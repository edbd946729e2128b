/// <reference lib="dom" />
import t from 'tap'
import { TEXTS } from '../../src/form/texts.ts'
import { chromiumFor, fillForm, intakeRequests, openForm, screenshot, valueOf, visitor } from '../helpers/browser.ts'

// Sending with the script: one request per click, a busy button, network failures, Idempotency-Keys,
// and the keyboard alone. The browser tests run on SQLite; PostgreSQL storage is covered by the
// inject suites.

const { skip, browser } = chromiumFor(t)

t.test('a double click on submit sends one request and stores one lead', { skip }, async t => {
  const { app, page } = await openForm(t, browser())
  const requests = intakeRequests(page)
  await fillForm(page, visitor())
  await page.dblclick('.ll-submit')
  await page.waitForSelector('.ll-success:not(:empty)')
  t.equal(requests.length, 1, 'the button is disabled while sending')
  t.match(requests[0]!.key, /^[0-9a-f-]{32,36}$/, 'the request carries an Idempotency-Key')
  t.equal(await app.db.prisma.lead.count(), 1)
})

t.test('while sending, the button is disabled and says so', { skip }, async t => {
  const { app, page } = await openForm(t, browser())
  await fillForm(page, visitor())
  // Hold the request until the button has been looked at, then let it through.
  let release!: () => void
  const held = new Promise<void>(resolve => { release = resolve })
  await page.route('**/api/leads', async route => { await held; await route.continue() })
  await page.click('.ll-submit')
  await page.waitForSelector('.ll-submit:disabled')
  t.equal(await page.textContent('.ll-submit'), TEXTS.fr.sending)
  t.equal(await page.getAttribute('.ll-form', 'aria-busy'), 'true')
  release()
  await page.waitForSelector('.ll-success:not(:empty)')
  t.equal(await app.db.prisma.lead.count(), 1)
})

t.test('a network failure says so, keeps what was typed, and the same request can be sent again', { skip }, async t => {
  const { app, page } = await openForm(t, browser())
  const requests = intakeRequests(page)
  const v = visitor()
  await fillForm(page, v)
  await page.route('**/api/leads', route => route.abort('internetdisconnected'))
  await page.click('.ll-submit')
  await page.waitForSelector('.ll-summary:not(:empty)')
  t.match(await page.textContent('.ll-summary'), TEXTS.fr.networkError)
  t.equal(await valueOf(page, '#ll-fullName'), v.fullName)
  t.equal(await valueOf(page, '#ll-email'), v.email)
  t.equal(await valueOf(page, '#ll-details'), v.details)
  t.equal(await valueOf(page, '#ll-projectType'), v.projectType)
  t.ok(await page.isEnabled('.ll-submit'), 'the button works again')
  t.equal(await page.textContent('.ll-submit'), TEXTS.fr.submit)
  await screenshot(page, 'fr-js-network-error')

  await page.unroute('**/api/leads')
  await page.click('.ll-submit')
  await page.waitForSelector('.ll-success:not(:empty)')
  t.equal(await app.db.prisma.lead.count(), 1)
  t.equal(requests.length, 2)
  t.equal(requests[1]!.key, requests[0]!.key, 'the retry of the same request reuses its Idempotency-Key')
})

t.test('a corrected request gets a new Idempotency-Key, so it is never refused as a reused key', { skip }, async t => {
  const { app, page } = await openForm(t, browser())
  const requests = intakeRequests(page)
  await fillForm(page, visitor({ details: 'Bref.' }))
  await page.click('.ll-submit')
  await page.waitForSelector('.ll-summary li')
  await page.fill('#ll-details', 'Un audit de nos usages de l’IA, s’il vous plaît.')
  await page.click('.ll-submit')
  await page.waitForSelector('.ll-success:not(:empty)')
  t.equal(requests.length, 2)
  t.not(requests[1]!.key, requests[0]!.key)
  t.equal(await app.db.prisma.lead.count(), 1)
})

t.test('keyboard only: Tab walks the fields in order, skips the honeypot, and Enter sends', { skip }, async t => {
  const { app, page } = await openForm(t, browser())
  const order: string[] = []
  for (let i = 0; i < 12 && order.at(-1) !== 'submit'; i++) {
    await page.keyboard.press('Tab')
    order.push(await page.evaluate(() => {
      const el = document.activeElement as HTMLElement & { name?: string }
      return el.classList.contains('ll-submit') ? 'submit' : el.name || el.getAttribute('href') || el.tagName
    }))
  }
  t.same(order, ['/?lang=fr', '/?lang=en', '/?lang=ar', 'fullName', 'email', 'projectType', 'details', 'mailto:consultant@localhost', 'submit'])

  const v = visitor()
  await page.focus('#ll-fullName')
  await page.keyboard.type(v.fullName)
  await page.keyboard.press('Tab')
  await page.keyboard.type(v.email)
  await page.keyboard.press('Tab')
  await page.keyboard.press('ArrowDown') // the first project type
  await page.keyboard.press('Tab')
  await page.keyboard.type(v.details)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.ll-success:not(:empty)')
  const lead = await app.db.prisma.lead.findFirstOrThrow()
  t.match(lead, { fullName: v.fullName, email: v.email, projectTypeRaw: 'implementation', details: v.details })
})
