import type { Test } from 'tap'
import type { DatabaseKind } from '../../src/db/url.ts'
import t from 'tap'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { validLead } from '../helpers/leads.ts'
import { manualClock, startSmtp, type SmtpSink } from './helpers.ts'

// From the form to the SMTP server: what each email carries, to whom, and what the form cannot change.

const NOTIFY = { NOTIFY_TO: 'consultant@leadline.test,partner@leadline.test', MAIL_FROM: 'leads@leadline.test', PUBLIC_BASE_URL: 'https://crm.leadline.test' }

async function setup (t: Test, kind: DatabaseKind, env: Record<string, string> = {}) {
  const smtp = await startSmtp()
  const clock = manualClock()
  const h = await buildTestApp({ kind, clock: clock.now, env: { ...NOTIFY, SMTP_URL: smtp.url, ...env } })
  // The app (and its pooled SMTP connections) closes before the server it talks to.
  t.teardown(async () => { await h.close(); await smtp.close() })
  return { smtp, clock, h }
}

async function post (h: TestApp, payload: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload, headers })
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode}: ${res.body}`)
  return res.json().id as string
}

const events = async (h: TestApp, leadId: string) =>
  (await h.db.prisma.leadEvent.findMany({ where: { leadId, type: { startsWith: 'email_' } }, orderBy: { createdAt: 'asc' } }))

const byRecipient = (smtp: SmtpSink, address: string) => smtp.received.filter(r => r.envelope.to.includes(address))

for (const kind of testDatabases()) {
  t.test(`${kind}: a lead notifies each consultant address and acknowledges the prospect, nothing more`, async t => {
    const { smtp, h } = await setup(t, kind)
    const id = await post(h, validLead({
      fullName: 'Éloïse Lefèvre',
      email: 'eloise@example.fr',
      company: 'Atlas <b>Agro</b>',
      // A genuine request carrying markup: escaping is what is tested, so it must pass the spam check.
      details: 'Bonjour, coopérative agricole à Meknès (120 adhérents). Nous voulons un chatbot client pour prendre les commandes d\'huile d\'olive et répondre aux questions de livraison. Notre formulaire actuel reçoit des messages comme <script>alert(1)</script> voir <a href="https://evil.test">ici</a> : il faudra les filtrer.',
      // Fields a spammer adds hoping a form turns them into headers: ignored.
      to: 'victim@attacker.test',
      cc: 'victim2@attacker.test',
      bcc: 'victim3@attacker.test',
      subject: 'You won'
    }))
    t.not((await h.db.prisma.lead.findUniqueOrThrow({ where: { id } })).status, 'spam', 'precondition: the lead is not classified spam')
    t.same(await h.app.outbox.drainOnce(), { sent: 3, retried: 0, failed: 0 })

    t.same(smtp.received.map(r => r.envelope.to).sort(), [['consultant@leadline.test'], ['eloise@example.fr'], ['partner@leadline.test']], 'one envelope recipient per message, only these three')
    t.ok(smtp.received.every(r => r.envelope.from === 'leads@leadline.test'), 'envelope sender is MAIL_FROM')
    t.notMatch(smtp.received.map(r => r.raw).join('\n'), /attacker\.test|You won/i, 'to/cc/bcc/subject from the form reach no message')

    const jobs = await h.db.prisma.emailJob.findMany({ where: { leadId: id } })
    for (const address of ['consultant@leadline.test', 'partner@leadline.test']) {
      const [consultant, ...more] = byRecipient(smtp, address)
      t.equal(more.length, 0)
      const mail = consultant!.mail
      t.same((mail.to as { value: unknown }).value, [{ address, name: '' }])
      t.same(mail.replyTo?.value, [{ address: 'eloise@example.fr', name: 'Éloïse Lefèvre' }], 'Reply-To: the prospect')
      t.equal(mail.from?.value[0]?.address, 'leads@leadline.test')
      t.match(mail.subject, /^Nouveau lead · .*Atlas <b>Agro<\/b>$/, 'subject in NOTIFY_LOCALE, company as typed')
      t.equal(mail.messageId, jobs.find(j => j.recipient === address)?.messageId, 'Message-ID is the one stored on the job')
      t.match(mail.html, '&lt;script&gt;alert(1)&lt;/script&gt;')
      t.match(mail.html, '&lt;a href&#x3D;&quot;https://evil.test&quot;&gt;ici&lt;/a&gt;')
      t.notMatch(mail.html, /<script|<a href="https:\/\/evil|<b>Agro/)
      t.match(mail.text, 'messages comme <script>alert(1)</script> voir')
      t.match(mail.text, `https://crm.leadline.test/api/leads/${id}`)
      t.match(mail.html, `href="https://crm.leadline.test/api/leads/${id}"`)
    }

    const [ack] = byRecipient(smtp, 'eloise@example.fr')
    t.equal(ack!.mail.subject, 'Nous avons bien reçu votre demande')
    t.same(ack!.mail.replyTo?.value, [{ address: 'consultant@leadline.test', name: '' }])
    t.same(ack!.mail.headerLines.find(l => l.key === 'auto-submitted')?.line, 'Auto-Submitted: auto-replied')

    t.same((await events(h, id)).map(e => e.type).sort(), ['email_queued', 'email_queued', 'email_queued', 'email_sent', 'email_sent', 'email_sent'])
    for (const e of await events(h, id)) t.notMatch(e.data, /@|Éloïse|chatbot/, `${e.type} event carries no personal data`)
    t.same(jobs.map(j => [j.status, j.attempts]), [['sent', 1], ['sent', 1], ['sent', 1]])
  })

  t.test(`${kind}: the acknowledgement carries no free text from the submission`, async t => {
    const { smtp, h } = await setup(t, kind, { NOTIFY_TO: 'consultant@leadline.test' })
    // A spammer whose text passes the spam check (one that does not gets no acknowledgement at all)
    // must still not be able to relay it through the acknowledgement.
    const id = await post(h, validLead({
      fullName: 'https://cheap-pills.example Bob Marley',
      email: 'target@example.com',
      company: 'Visit cheap-pills.example',
      phone: '+212 611 223 344',
      details: 'We run an online pharmacy and need a chatbot that answers customers about orders and delivery. Buy pills online is our main page: cheap-pills.example/landing',
      pageUrl: 'https://cheap-pills.example/landing',
      utmSource: 'pills-campaign'
    }), { 'accept-language': 'en' })
    t.not((await h.db.prisma.lead.findUniqueOrThrow({ where: { id } })).status, 'spam', 'precondition: the lead is not classified spam')
    await h.app.outbox.drainOnce()
    const [ack, ...more] = byRecipient(smtp, 'target@example.com')
    t.equal(more.length, 0)
    const everything = ack!.raw + ack!.mail.text + ack!.mail.html
    // The phone number whole: its digits alone turn up in the random MIME boundary and Message-ID.
    t.notMatch(everything, /pills|Marley|Buy|611 ?223 ?344|landing|campaign/i, 'nothing the prospect wrote but the first name')
    t.match(ack!.mail.text, /^Hello Bob,/)
    t.same((ack!.mail.to as { value: unknown }).value, [{ address: 'target@example.com', name: '' }], 'no display name in To')
  })

  t.test(`${kind}: an Arabic lead gets its acknowledgement in Arabic, right to left`, async t => {
    const { smtp, h } = await setup(t, kind, { NOTIFY_TO: 'consultant@leadline.test', NOTIFY_LOCALE: 'en' })
    await post(h, validLead({ fullName: 'محمد العلوي', email: 'mohamed@example.ma', locale: 'ar', details: 'نريد مساعدا ذكيا للرد على أسئلة زبنائنا' }))
    await h.app.outbox.drainOnce()
    const [ack] = byRecipient(smtp, 'mohamed@example.ma')
    t.equal(ack!.mail.subject, 'لقد توصلنا بطلبك')
    t.match(ack!.mail.html, '<html lang="ar" dir="rtl">')
    t.match(ack!.mail.text, /^مرحبًا محمد،/)
    const [consultant] = byRecipient(smtp, 'consultant@leadline.test')
    t.match(consultant!.mail.subject, /^New lead · /, 'the consultant reads NOTIFY_LOCALE')
    t.same(consultant!.mail.replyTo?.value, [{ address: 'mohamed@example.ma', name: 'محمد العلوي' }])
  })

  t.test(`${kind}: spam and duplicates queue nothing`, async t => {
    const { smtp, h } = await setup(t, kind)
    await post(h, validLead({ website: 'http://bot.example' }))
    const lead = validLead()
    await post(h, lead)
    const again = await h.app.inject({ method: 'POST', url: '/api/leads', payload: lead })
    t.equal(again.statusCode, 200)
    t.equal(await h.db.prisma.emailJob.count(), 3, 'the one real lead: two consultants and an acknowledgement')
    await h.app.outbox.drainOnce()
    t.equal(smtp.received.length, 3)
  })

  t.test(`${kind}: at most ACK_DAILY_LIMIT_PER_ADDRESS acknowledgements a day to one address`, async t => {
    const { smtp, clock, h } = await setup(t, kind, { NOTIFY_TO: 'consultant@leadline.test' })
    const ids: string[] = []
    // The local part's case does not make a new mailbox.
    for (const email of ['same@example.ma', 'Same@example.ma', 'SAME@example.ma', 'same@example.ma']) {
      ids.push(await post(h, validLead({ email })))
      clock.advance(60)
    }
    await h.app.outbox.drainOnce()
    t.equal(smtp.received.filter(r => r.envelope.to[0]!.toLowerCase() === 'same@example.ma').length, 3, 'three acknowledgements, the default cap')
    t.equal(byRecipient(smtp, 'consultant@leadline.test').length, 4, 'the consultant hears of every lead')
    t.same((await events(h, ids[3]!)).filter(e => e.type === 'email_skipped').map(e => JSON.parse(e.data)), [{ kind: 'ack', reason: 'address_limit' }])
    t.match(byRecipient(smtp, 'consultant@leadline.test')[3]!.mail.text, 'non envoyé (limite quotidienne pour cette adresse)')

    clock.advance(24 * 3600)
    await post(h, validLead({ email: 'same@example.ma' }))
    await h.app.outbox.drainOnce()
    t.equal(smtp.received.filter(r => r.envelope.to[0]!.toLowerCase() === 'same@example.ma').length, 4, 'a day later, one more')
  })

  t.test(`${kind}: beyond ACK_HOURLY_LIMIT acknowledgements are held back and the consultant is told once`, async t => {
    const { smtp, clock, h } = await setup(t, kind, { NOTIFY_TO: 'consultant@leadline.test', ACK_HOURLY_LIMIT: '2' })
    for (let i = 0; i < 5; i++) await post(h, validLead({ email: `burst${i}@example.ma` }))
    await h.app.outbox.drainOnce()
    t.equal(smtp.received.filter(r => r.envelope.to[0]!.startsWith('burst')).length, 2)
    t.equal(await h.db.prisma.lead.count(), 5, 'every lead is stored')
    const alerts = await h.db.prisma.emailJob.findMany({ where: { kind: 'alert' } })
    t.equal(alerts.length, 1, 'one alert for the hour')
    const alert = smtp.received.filter(r => r.mail.subject?.includes('limite horaire'))
    t.equal(alert.length, 1)
    t.same(alert[0]!.envelope.to, ['consultant@leadline.test'])

    clock.advance(3600)
    await post(h, validLead({ email: 'nexthour@example.ma' }))
    await h.app.outbox.drainOnce()
    t.equal(byRecipient(smtp, 'nexthour@example.ma').length, 1, 'the next hour, acknowledgements resume')
  })

  t.test(`${kind}: ACK_ENABLED=false sends no acknowledgement and says so to the consultant`, async t => {
    const { smtp, h } = await setup(t, kind, { NOTIFY_TO: 'consultant@leadline.test', ACK_ENABLED: 'false' })
    await post(h, validLead({ email: 'quiet@example.ma' }))
    await h.app.outbox.drainOnce()
    t.same(smtp.received.map(r => r.envelope.to), [['consultant@leadline.test']])
    t.match(smtp.received[0]!.mail.text, 'Accusé de réception au prospect : désactivé')
  })
}
