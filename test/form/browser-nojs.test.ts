/// <reference lib="dom" />
import t from 'tap'
import { LOCALES } from '../../src/classification/taxonomy.ts'
import { CONSENT_VERSION } from '../../src/form/consent.ts'
import { TEXTS } from '../../src/form/texts.ts'
import { fieldMessage } from '../../src/http/messages.ts'
import { chromiumFor, fieldError, fillForm, openForm, screenshot, valueOf, visitor } from '../helpers/browser.ts'

// The form with JavaScript disabled: what every browser, and every visitor whose script did not
// load, gets. The browser tests run on SQLite; PostgreSQL storage is covered by the inject suites.

const { skip, browser } = chromiumFor(t)

for (const locale of LOCALES) {
  t.test(`${locale}: without JavaScript, errors come back on the form with the values kept, then a fixed post lands on the thank-you page`, { skip }, async t => {
    const { app, page } = await openForm(t, browser(), { path: `/?lang=${locale}`, context: { javaScriptEnabled: false } })
    t.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr')
    t.equal(await page.textContent('h1'), TEXTS[locale].title)
    await screenshot(page, `${locale}-form`)

    // Everything required left empty: the post comes back as the form, each message by its field.
    const empty = page.waitForResponse(r => r.url().endsWith('/api/leads'))
    await page.click('.ll-submit')
    t.equal((await empty).status(), 400)
    await page.waitForLoadState()
    for (const field of ['fullName', 'email', 'details']) {
      t.same(await fieldError(page, field), { message: fieldMessage('required', locale), invalid: true, described: true }, `${field} is flagged in ${locale}`)
    }
    t.equal(await page.evaluate(() => document.activeElement?.id), 'll-fullName', 'the first field to fix has the focus')

    // A bad address: the other values stay as typed, markup and all, without being interpreted.
    const v = visitor()
    await fillForm(page, { ...v, email: 'zoe@example' })
    const bad = page.waitForResponse(r => r.url().endsWith('/api/leads'))
    await page.click('.ll-submit')
    t.equal((await bad).status(), 400)
    await page.waitForLoadState()
    t.equal((await fieldError(page, 'email')).message, fieldMessage('invalid_email', locale))
    t.equal(await valueOf(page, '#ll-fullName'), v.fullName, 'the name is kept exactly, markup included')
    t.equal(await valueOf(page, '#ll-details'), v.details)
    t.equal(await valueOf(page, '#ll-projectType'), v.projectType)
    t.equal(await valueOf(page, '#ll-email'), 'zoe@example')
    t.equal(await page.$$eval('.ll-field b', els => els.length), 0, 'no markup from the visitor is rendered')
    t.equal((await fieldError(page, 'fullName')).invalid, false, 'a field that is fine is not flagged')
    await screenshot(page, `${locale}-errors`)

    await page.fill('#ll-email', 'zoe.tazi@example.ma')
    const ok = page.waitForResponse(r => r.url().endsWith('/api/leads'))
    await page.click('.ll-submit')
    const response = await ok
    t.equal(response.status(), 303)
    t.equal(response.headers().location, `/thank-you?lang=${locale}`)
    await page.waitForURL(`${app.url}/thank-you?lang=${locale}`)
    t.equal(await page.textContent('h1'), TEXTS[locale].thanksTitle)
    await screenshot(page, `${locale}-thank-you`)

    const leads = await app.db.prisma.lead.findMany()
    t.equal(leads.length, 1)
    t.match(leads[0], { fullName: v.fullName, email: 'zoe.tazi@example.ma', locale, projectTypeRaw: 'consulting', details: v.details, consent: true, consentVersion: CONSENT_VERSION, status: 'new' })
  })
}

t.test('without JavaScript, a double click on submit stores one lead', { skip }, async t => {
  const { app, page } = await openForm(t, browser(), { context: { javaScriptEnabled: false } })
  await fillForm(page, visitor())
  await page.dblclick('.ll-submit')
  // The second click's navigation may abort the first one's, which waitForURL reports as an
  // error: wait for wherever the browser finally lands instead.
  const thanks = `${app.url}/thank-you?lang=fr`
  for (let i = 0; i < 100 && page.url() !== thanks; i++) await page.waitForTimeout(100)
  await page.waitForLoadState('load')
  t.equal(page.url(), thanks)
  t.equal(await page.textContent('h1'), TEXTS.fr.thanksTitle)
  t.equal(await app.db.prisma.lead.count(), 1)
})

t.test('the honeypot is out of reach: not focusable, hidden from assistive technology, not a hidden input', { skip }, async t => {
  const { app, page } = await openForm(t, browser(), { context: { javaScriptEnabled: false } })
  const honeypot = await page.$eval('[name=website]', el => {
    const box = el.getBoundingClientRect()
    return { type: el.getAttribute('type'), tabIndex: (el as HTMLInputElement).tabIndex, autocomplete: el.getAttribute('autocomplete'), hidden: el.closest('[aria-hidden="true"]') !== null, offscreen: box.right <= 0 || box.width <= 1 }
  })
  t.same(honeypot, { type: 'text', tabIndex: -1, autocomplete: 'off', hidden: true, offscreen: true })
  t.notOk(await page.getByRole('textbox', { name: TEXTS.fr.honeypot }).count(), 'absent from the accessibility tree')
})
