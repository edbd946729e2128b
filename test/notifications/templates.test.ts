import t from 'tap'
import { LOCALES } from '../../src/classification/taxonomy.ts'
import { EMAIL_NAMES } from '../../src/notifications/emails.ts'
import { SAMPLES } from '../../src/notifications/samples.ts'
import { createRenderer, oneLine, SUBJECT_MAX, TemplateVariablesError } from '../../src/notifications/templates.ts'
import { firstName } from '../../src/notifications/compose.ts'

const renderer = createRenderer()

t.test('every email renders a subject, a text part and an HTML part in every locale', async t => {
  for (const name of EMAIL_NAMES) {
    for (const locale of LOCALES) {
      const email = renderer.render(name, locale, SAMPLES[name])
      t.ok(email.subject.length > 0 && !/[\r\n]/.test(email.subject), `${name}/${locale}: one-line subject`)
      t.ok(email.text.trim().length > 0, `${name}/${locale}: text part`)
      t.match(email.html, new RegExp(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`), `${name}/${locale}: HTML part with lang and direction`)
      t.notMatch(email.text + email.html + email.subject, /undefined|\[object Object\]/, `${name}/${locale}: nothing unfilled`)
    }
  }
})

t.test('a missing or mistyped variable fails the render, naming it', async t => {
  const { leadUrl: _, ...missing } = SAMPLES.consultant
  t.throws(() => renderer.render('consultant', 'fr', missing as never), TemplateVariablesError)
  t.throws(() => renderer.render('ack', 'en', { signature: 'X' } as never), { message: /firstName/ })
  t.throws(() => renderer.render('ack', 'en', { firstName: 'http://evil.test', signature: 'X' }), { message: /firstName/ }, 'a first name is a word, never a link')
})

t.test('HTML escapes what the prospect wrote; the text part shows it as written', async t => {
  const vars = {
    ...SAMPLES.consultant,
    lead: { ...SAMPLES.consultant.lead, fullName: 'Bob <b>bold</b>', details: '<script>alert(1)</script> <a href="https://evil.test">click</a> & "quotes"' }
  }
  const email = renderer.render('consultant', 'fr', vars)
  t.notMatch(email.html, /<script>|<a href="https:\/\/evil|<b>bold/)
  t.match(email.html, '&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href&#x3D;&quot;https://evil.test&quot;&gt;click&lt;/a&gt; &amp; &quot;quotes&quot;')
  t.match(email.text, '<script>alert(1)</script> <a href="https://evil.test">click</a> & "quotes"', 'text/plain is not HTML: no entities')
})

t.test('the subject is one line, control characters removed, length capped', async t => {
  for (const sep of ['\r\n', '\n', '\r', '\u2028', '\u2029', '\u0085', '\u0000', '\u202E']) {
    const vars = { ...SAMPLES.consultant, lead: { ...SAMPLES.consultant.lead, company: `Acme${sep}Bcc: x@evil.test` } }
    const { subject } = renderer.render('consultant', 'en', vars)
    t.equal(subject, 'New lead · Implémentation de solutions IA · Acme Bcc: x@evil.test', `separator U+${sep.codePointAt(0)!.toString(16).padStart(4, '0')}`)
  }
  const long = renderer.render('consultant', 'fr', { ...SAMPLES.consultant, lead: { ...SAMPLES.consultant.lead, company: 'x'.repeat(500) } })
  t.equal(long.subject.length, SUBJECT_MAX)
  t.ok(long.subject.endsWith('…'))
  t.equal(oneLine('  a \t\n b  '), 'a b')
})

t.test('the consultant email shows the classification only when the lead has one', async t => {
  const withIt = renderer.render('consultant', 'fr', SAMPLES.consultant)
  t.match(withIt.text, /Priorité : 78\/100/)
  t.match(withIt.text, /indices : assistant, répond/)
  const without = renderer.render('consultant', 'fr', { ...SAMPLES.consultant, classification: null })
  t.notMatch(without.text, /Classification|Priorité/)
  t.equal(without.subject, 'Nouveau lead · Atlas Agro')
})

t.test('the first name is the only part of the submission an acknowledgement may carry', async t => {
  const cases: Array<[string, string | null]> = [
    ['Amina El Idrissi', 'Amina'],
    ['Éloïse Durand', 'Éloïse'],
    ['محمد العلوي', 'محمد'],
    ["O'Brien", "O'Brien"],
    ['http://evil.test/win Bob', 'Bob'],
    ['www.evil.test Bob', 'Bob'],
    ['evil.test', null],
    ['bob@evil.test Alice', 'Alice'],
    ['Bob\r\nBcc: x@evil.test', 'Bob'],
    ['Bob\u2028Bcc: x@evil.test', 'Bob'],
    ['Bob\u0085Bcc: x@evil.test', 'Bob'],
    ['Dr. Who', null],
    ['<b>Bob</b>', null],
    ['x'.repeat(41), null]
  ]
  // Messages spell line separators as escapes: a raw U+2028 would break the TAP stream's lines.
  const show = (s: string) => JSON.stringify(s).replace(/[\u0085\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  for (const [full, expected] of cases) t.equal(firstName(full), expected, show(full))
})
