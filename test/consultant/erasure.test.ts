import t from 'tap'
import type { Database } from '../../src/db/client.ts'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, type ConsultantTestApp } from './fixtures.ts'

const PERSON = {
  fullName: 'Yasmine Tazi-Berrada',
  email: 'yasmine.tazi@atlas-olive.ma',
  phone: '+212 661 23 45 67',
  company: 'Atlas Olive Coop',
  details: 'Nous voulons prévoir la récolte des oliviers à Meknès avec un budget de 80 000 dh avant juin, je suis directrice.'
}
/** Words that identify the person, searched for in every column of every table afterwards. */
const TRACES = ['Yasmine', 'yasmine', 'Tazi', 'atlas-olive', '661 23 45 67', 'Atlas Olive', 'Meknès', 'oliviers', 'directrice', 'Firefox/Yasmine', 'utm-secret-token', 'Rappeler Yasmine']

async function everyRow (db: Database): Promise<string> {
  const p = db.prisma
  const tables = await Promise.all([
    p.lead.findMany(), p.leadCapability.findMany(), p.leadEvent.findMany(), p.note.findMany(),
    p.classificationCorrection.findMany(), p.emailJob.findMany(), p.idempotencyRecord.findMany(), p.apiKey.findMany()
  ])
  return JSON.stringify(tables)
}

async function submitAndWork (h: ConsultantTestApp): Promise<string> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/leads',
    headers: { 'idempotency-key': 'form-123', 'user-agent': 'Mozilla/5.0 Firefox/Yasmine' },
    payload: { ...PERSON, consent: true, pageUrl: 'https://site.example/contact?ref=utm-secret-token', referrer: 'https://mail.example/?u=yasmine.tazi@atlas-olive.ma' }
  })
  if (res.statusCode !== 201) throw new Error(res.body)
  const id = res.json().id as string
  await h.app.inject({ method: 'POST', url: `/api/leads/${id}/notes`, headers: h.auth, payload: { body: 'Rappeler Yasmine au 0661 23 45 67.' } })
  await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload: { tags: ['Atlas Olive'], status: 'contacted', sector: 'public_sector' } })
  await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload: { status: 'lost', lostReason: 'Yasmine a choisi un autre prestataire' } })
  // A failed delivery whose bounce quotes the address.
  await h.db.prisma.emailJob.updateMany({ where: { leadId: id, kind: 'ack' }, data: { status: 'failed', lastError: '550 5.1.1 <yasmine.tazi@atlas-olive.ma>: user unknown' } })
  return id
}

for (const kind of testDatabases()) {
  t.test(`${kind}: erasure leaves no personal data in any table, and an anonymous record`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const id = await submitAndWork(h)
    const other = await h.app.inject({ method: 'POST', url: '/api/leads', payload: { fullName: 'Omar Alaoui', email: 'omar@example.ma', details: 'Formation IA pour nos équipes commerciales.' } })
    const before = await everyRow(h.db)
    t.ok(TRACES.filter(w => w !== 'Rappeler Yasmine').every(w => before.includes(w)), 'the fixture really spreads the data everywhere first')

    const del = await h.app.inject({ method: 'DELETE', url: `/api/leads/${id}`, headers: h.auth })
    t.equal(del.statusCode, 204)
    const after = await everyRow(h.db)
    for (const trace of TRACES) t.notOk(after.includes(trace), `"${trace}" is gone from the database`)
    t.ok(after.includes('omar@example.ma'), 'other leads are untouched')

    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id } })
    t.equal(lead.status, 'lost', 'status kept for the figures')
    t.equal(lead.sector, 'public_sector', 'classification codes kept')
    t.ok(lead.erasedAt)
    t.ok(lead.firstContactedAt, 'dates kept')
    t.equal(await h.db.prisma.idempotencyRecord.count({ where: { leadId: id } }), 0)
    t.equal(await h.db.prisma.emailJob.count({ where: { leadId: id, status: { in: ['pending', 'failed'] } } }), 0, 'no e-mail left to send')

    const shown = await h.app.inject({ url: `/api/leads/${id}`, headers: h.auth })
    t.equal(shown.statusCode, 200)
    const body = shown.json()
    t.ok(body.erasedAt, 'GET shows the lead as erased')
    t.same([body.fullName, body.email, body.phone, body.company, body.details], [null, null, null, null, null])
    t.ok(body.timeline.some((e: { type: string, actor: string, data: object }) => e.type === 'erased' && e.actor === 'alice'), 'the erasure is in the timeline')
    t.ok(body.notes.every((n: { body: string | null }) => n.body === null))

    t.equal((await h.app.inject({ method: 'DELETE', url: `/api/leads/${id}`, headers: h.auth })).statusCode, 204, 'erasing again is fine')
    t.equal(await h.db.prisma.leadEvent.count({ where: { leadId: id, type: 'erased' } }), 1, 'and records nothing more')
    t.equal((await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload: { assignee: 'x' } })).statusCode, 410)
    t.equal((await h.app.inject({ method: 'POST', url: `/api/leads/${id}/notes`, headers: h.auth, payload: { body: 'x' } })).statusCode, 410)
    t.equal((await h.app.inject({ method: 'DELETE', url: '/api/leads/nope', headers: h.auth })).statusCode, 404)
    const replay = await h.app.inject({ method: 'POST', url: '/api/leads', headers: { 'idempotency-key': 'form-123' }, payload: { ...PERSON } })
    t.equal(replay.statusCode, 201, 'the old Idempotency-Key no longer points at the erased lead')
    t.ok(other.statusCode < 300)
  })

  t.test(`${kind}: the data-subject export holds everything about the person`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const id = await submitAndWork(h)
    const res = await h.app.inject({ url: `/api/leads/${id}/export`, headers: h.auth })
    t.equal(res.statusCode, 200, res.body)
    t.match(res.headers['content-disposition'], /^attachment; filename="lead-[0-9a-f-]+\.json"$/)
    const data = res.json()
    t.match(data.lead, { ...PERSON, status: 'lost', consent: true, origin: { pageUrl: 'https://site.example/contact?ref=utm-secret-token' } })
    t.equal(data.fingerprints.userAgent, 'Mozilla/5.0 Firefox/Yasmine')
    t.match(data.fingerprints.ipHash, /\S/)
    t.equal(data.lead.notes[0].body, 'Rappeler Yasmine au 0661 23 45 67.')
    t.ok(data.lead.timeline.length >= 4)
    t.same(data.classificationCorrections.map((c: { axis: string }) => c.axis), ['sector'])
    t.ok(data.emailMessages.length >= 1)
    t.ok(data.emailMessages.some((m: { recipient: string }) => m.recipient === PERSON.email), 'the e-mails sent to the person')
    t.ok(JSON.stringify(data.emailMessages).includes('Yasmine'), 'with their content')
    t.equal((await h.app.inject({ url: '/api/leads/nope/export', headers: h.auth })).statusCode, 404)
  })
}
