/// <reference lib="dom" />
import t from 'tap'
import type { Page } from 'playwright-core'
import { LOCALES } from '../../src/classification/taxonomy.ts'
import { CONSENT_VERSION } from '../../src/form/consent.ts'
import { TEXTS } from '../../src/form/texts.ts'
import { fieldMessage } from '../../src/http/messages.ts'
import { chromiumFor, fieldError, fillForm, intakeRequests, openForm, screenshot, visitor } from '../helpers/browser.ts'

// The form with its script: fetch, inline errors from problem+json, the thank-you message in place.
// The browser tests run on SQLite; PostgreSQL storage is covered by the inject suites.

const { skip, browser } = chromiumFor(t)

const successText = (page: Page) => page.textContent('.ll-success')

for (const locale of LOCALES) {
  t.test(`${locale}: with JavaScript, errors appear next to their fields, then the thanks appear in place`, { skip }, async t => {
    const { app, page } = await openForm(t, browser(), { path: `/?lang=${locale}` })
    const requests = intakeRequests(page)

    await page.click('.ll-submit')
    await page.waitForSelector('.ll-summary li')
    for (const field of ['fullName', 'email', 'details']) {
      t.same(await fieldError(page, field), { message: fieldMessage('required', locale), invalid: true, described: true }, `${field} is flagged in ${locale}`)
    }
    t.equal(await page.evaluate(() => document.activeElement?.id), 'll-fullName', 'focus moves to the first field to fix')
    t.equal(await page.getAttribute('.ll-summary', 'role'), 'alert', 'the summary is announced')

    const v = visitor()
    await fillForm(page, { ...v, email: 'zoe@example' })
    await page.click('.ll-submit')
    await page.waitForFunction(() => document.querySelectorAll('.ll-summary li').length === 1)
    t.same(await fieldError(page, 'email'), { message: fieldMessage('invalid_email', locale), invalid: true, described: true })
    t.same(await fieldError(page, 'fullName'), { message: '', invalid: false, described: false }, 'a corrected field is no longer flagged')
    t.equal(await page.evaluate(() => document.activeElement?.id), 'll-email')
    await screenshot(page, `${locale}-js-errors`)

    await page.fill('#ll-email', 'zoe.tazi@example.ma')
    await page.click('.ll-submit')
    await page.waitForSelector('.ll-success:not(:empty)')
    t.equal(await successText(page), `${TEXTS[locale].thanksTitle} ${TEXTS[locale].thanksBody}`)
    t.ok(await page.isHidden('.ll-fields'), 'the form gives way to the thanks')
    t.equal(await page.evaluate(() => document.activeElement?.className), 'll-success', 'focus moves to the thanks')
    t.equal(page.url(), `${app.url}/?lang=${locale}`, 'no navigation')
    await screenshot(page, `${locale}-js-thanks`)

    t.same(requests.map(r => [r.method, r.type]), [['POST', 'application/json'], ['POST', 'application/json'], ['POST', 'application/json']])
    const leads = await app.db.prisma.lead.findMany()
    t.equal(leads.length, 1)
    t.match(leads[0], { fullName: v.fullName, email: 'zoe.tazi@example.ma', locale, projectTypeRaw: 'consulting', consent: true, consentVersion: CONSENT_VERSION, pageUrl: `${app.url}/?lang=${locale}`, status: 'new' })
  })
}

t.test('a honeypot filled in by a script is stored as spam while the visitor sees the usual thanks', { skip }, async t => {
  const { app, page } = await openForm(t, browser())
  await fillForm(page, visitor())
  await page.evaluate(() => { (document.querySelector('[name=website]') as HTMLInputElement).value = 'https://cheap-seo.example' })
  await page.click('.ll-submit')
  await page.waitForSelector('.ll-success:not(:empty)')
  t.equal(await successText(page), `${TEXTS.fr.thanksTitle} ${TEXTS.fr.thanksBody}`)
  const leads = await app.db.prisma.lead.findMany()
  t.equal(leads.length, 1)
  t.equal(leads[0]!.status, 'spam')
})
