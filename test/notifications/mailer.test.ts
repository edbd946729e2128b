import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import t from 'tap'
import { createMailer, type OutgoingMessage } from '../../src/notifications/mailer.ts'
import { SAMPLES } from '../../src/notifications/samples.ts'
import { createRenderer } from '../../src/notifications/templates.ts'
import { headerValue, startSmtp } from './helpers.ts'

// The mail layer on its own: whatever reaches it, a message has exactly the headers and the one
// recipient Leadline chose, even if intake's validation were bypassed.

const renderer = createRenderer()

function message (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    from: 'leadline@example.com',
    to: { address: 'consultant@example.com' },
    replyTo: { name: 'Amina El Idrissi', address: 'amina@example.ma' },
    ...renderer.render('consultant', 'fr', SAMPLES.consultant),
    messageId: '<fixed-id@example.com>',
    label: 'consultant',
    ...overrides
  }
}

t.test('SMTP: envelope, recipients, Reply-To and Message-ID exactly as given', async t => {
  const smtp = await startSmtp()
  t.teardown(smtp.close)
  const mailer = createMailer({ smtpUrl: smtp.url, requireTls: false, dir: 'unused' })
  t.teardown(() => mailer.close())
  await mailer.send(message())
  t.equal(smtp.received.length, 1)
  const [{ envelope, mail }] = smtp.received as [typeof smtp.received[0]]
  t.same(envelope, { from: 'leadline@example.com', to: ['consultant@example.com'] })
  t.same((mail.to as { value: unknown }).value, [{ address: 'consultant@example.com', name: '' }])
  t.same(mail.replyTo?.value, [{ address: 'amina@example.ma', name: 'Amina El Idrissi' }])
  t.equal(mail.from?.value[0]?.address, 'leadline@example.com')
  t.equal(mail.messageId, '<fixed-id@example.com>')
  t.equal(mail.cc, undefined)
  t.equal(mail.bcc, undefined)
  t.ok(mail.text && mail.html, 'a text part and an HTML part')
})

t.test('SMTP: non-ASCII display names and subjects are encoded and arrive intact', async t => {
  const smtp = await startSmtp()
  t.teardown(smtp.close)
  const mailer = createMailer({ smtpUrl: smtp.url, requireTls: false, dir: 'unused' })
  t.teardown(() => mailer.close())
  for (const name of ['Éloïse Lefèvre-Brûlé', 'محمد العلوي', 'Zoë "Z" O\'Brien, Jr.']) {
    await mailer.send(message({ replyTo: { name, address: 'p@example.ma' }, subject: `Nouveau lead · ${name}` }))
  }
  t.equal(smtp.received.length, 3)
  for (const [i, name] of ['Éloïse Lefèvre-Brûlé', 'محمد العلوي', 'Zoë "Z" O\'Brien, Jr.'].entries()) {
    const { mail, raw } = smtp.received[i]!
    t.same(mail.replyTo?.value, [{ address: 'p@example.ma', name }], `Reply-To name ${name}`)
    t.equal(mail.subject, `Nouveau lead · ${name}`)
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'))
    t.notMatch(headers, /[^\x00-\x7F]/, 'headers are 7-bit: names are MIME-encoded')
  }
})

const INJECTIONS = ['\r\n', '\n', '\r', '\u2028', '\u0085']

t.test('SMTP: a line break in a name or subject never adds a header or a recipient', async t => {
  const smtp = await startSmtp()
  t.teardown(smtp.close)
  const mailer = createMailer({ smtpUrl: smtp.url, requireTls: false, dir: 'unused' })
  t.teardown(() => mailer.close())
  for (const sep of INJECTIONS) {
    const evil = `Bob${sep}Bcc: x@evil.test`
    await mailer.send(message({
      replyTo: { name: evil, address: 'bob@example.com' },
      ...renderer.render('consultant', 'en', { ...SAMPLES.consultant, lead: { ...SAMPLES.consultant.lead, fullName: evil, company: evil } }),
      // Also straight into the mailer, past the renderer's own clean-up.
      subject: `Nouveau lead · ${evil}`
    }))
  }
  t.equal(smtp.received.length, INJECTIONS.length)
  for (const [i, { envelope, mail }] of smtp.received.entries()) {
    const label = `separator U+${INJECTIONS[i]!.codePointAt(0)!.toString(16).padStart(4, '0')}`
    t.same(envelope.to, ['consultant@example.com'], `${label}: one envelope recipient`)
    t.same(headerValue(mail, 'bcc'), [], `${label}: no Bcc header`)
    t.equal(headerValue(mail, 'reply-to').length, 1, `${label}: one Reply-To`)
    t.same(mail.replyTo?.value.map(a => a.address), ['bob@example.com'], `${label}: Reply-To is the one address`)
    t.notMatch(mail.subject ?? '', /[\r\n\u2028\u0085]/, `${label}: subject on one line`)
    t.notOk(mail.headerLines.some(h => h.line.startsWith('Bcc:')), `${label}: no header line starts with Bcc`)
  }
})

t.test('SMTP: an address that is not one plain mailbox is refused before anything is sent', async t => {
  const smtp = await startSmtp()
  t.teardown(smtp.close)
  const mailer = createMailer({ smtpUrl: smtp.url, requireTls: false, dir: 'unused' })
  t.teardown(() => mailer.close())
  for (const address of ['a@x.test, b@evil.test', 'a@x.test\r\nBcc: b@evil.test', '"a b"@x.test', 'a@x.test>', 'no-at-sign']) {
    await t.rejects(mailer.send(message({ to: { address } })), { code: 'invalid_address' }, JSON.stringify(address))
    await t.rejects(mailer.send(message({ replyTo: { name: 'x', address } })), { code: 'invalid_address' }, `Reply-To ${JSON.stringify(address)}`)
  }
  t.equal(smtp.offered, 0)
})

t.test('without SMTP_URL each message is written as an .eml file under MAIL_DIR', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'leadline-mail-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const mailer = createMailer({ smtpUrl: undefined, requireTls: false, dir })
  const { file } = await mailer.send(message({ label: 'consultant' }))
  mailer.close()
  t.same(readdirSync(dir), ['consultant-fixed-id.eml'])
  t.equal(file, join(dir, 'consultant-fixed-id.eml'))
  const raw = readFileSync(file!)
  t.match(raw.toString('latin1'), /\r\n/, 'CRLF line endings, as in any .eml')
  const mail = await simpleParser(raw)
  t.equal(mail.messageId, '<fixed-id@example.com>')
  t.same(mail.replyTo?.value, [{ address: 'amina@example.ma', name: 'Amina El Idrissi' }])
  t.equal(mail.subject, 'Nouveau lead · Implémentation de solutions IA · Atlas Agro')
  t.ok(mail.text && mail.html)
})
