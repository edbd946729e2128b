import t from 'tap'
import { createNotificationHook } from '../../src/notifications/index.ts'
import { STATUSES, TRANSITIONS, type Status } from '../../src/consultant/pipeline.ts'
import { planPatch } from '../../src/consultant/service.ts'
import type { LeadRow } from '../../src/consultant/repository.ts'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, insertLead, leadRow } from './fixtures.ts'

const NOW = new Date('2026-04-01T09:00:00Z')

t.test('the pipeline allows exactly its transitions (every pair)', async t => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      if (from === to) continue
      const lead = { ...leadRow({ status: from, spam: from === 'spam' }), capabilities: [] } as unknown as LeadRow
      const allowed = TRANSITIONS[from].includes(to)
      if (allowed) {
        t.equal(planPatch(lead, { status: to }, NOW).data.status, to, `${from} → ${to} allowed`)
      } else {
        let refusal: unknown
        try { planPatch(lead, { status: to }, NOW) } catch (err) { refusal = err }
        t.match(refusal, { status: 409, extensions: { allowed: [...TRANSITIONS[from]] } }, `${from} → ${to} refused`)
      }
    }
  }
})

for (const kind of testDatabases()) {
  t.test(`${kind}: status changes over HTTP: allowed ones recorded, forbidden ones 409 with the allowed list`, async t => {
    const h = await buildConsultantApp({ kind, clock: () => NOW })
    t.teardown(h.close)
    const id = await insertLead(h.db, { createdAt: new Date('2026-03-31T09:00:00Z') })
    const path: Status[] = ['contacted', 'qualified', 'proposal', 'won', 'archived']
    for (const to of path) {
      const res = await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload: { status: to } })
      t.equal(res.statusCode, 200, `→ ${to}: ${res.body}`)
      t.equal(res.json().status, to)
    }
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id } })
    t.same(lead.firstContactedAt, NOW, 'first contact time set when contacted')
    const events = await h.db.prisma.leadEvent.findMany({ where: { leadId: id, type: 'status_changed' }, orderBy: { id: 'asc' } })
    t.same(events.map(e => JSON.parse(e.data) as object).sort((a: any, b: any) => path.indexOf(a.to) - path.indexOf(b.to)),
      path.map((to, i) => ({ from: i === 0 ? 'new' : path[i - 1], to })), 'each change in the timeline with its old value')
    t.ok(events.every(e => e.actor === 'alice'), 'the key\'s name is the actor')

    const other = await insertLead(h.db)
    const refused = await h.app.inject({ method: 'PATCH', url: `/api/leads/${other}`, headers: h.auth, payload: { status: 'won' } })
    t.equal(refused.statusCode, 409)
    t.match(refused.headers['content-type'], /^application\/problem\+json/)
    t.same(refused.json().allowed, TRANSITIONS.new)
    t.equal((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: other } })).status, 'new', 'nothing written')
    const fromArchived = await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload: { status: 'new' } })
    t.equal(fromArchived.statusCode, 409)
    t.same(fromArchived.json().allowed, [])
  })

  t.test(`${kind}: ETag and If-Match: a stale version is 412 and changes nothing`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const id = await insertLead(h.db)
    const read = await h.app.inject({ url: `/api/leads/${id}`, headers: h.auth })
    const etag = read.headers.etag as string
    t.match(etag, /^"\d+"$/)
    const first = await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: { ...h.auth, 'if-match': etag }, payload: { assignee: 'Alice' } })
    t.equal(first.statusCode, 200)
    t.not(first.headers.etag, etag, 'a new version after the change')
    const second = await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: { ...h.auth, 'if-match': etag }, payload: { assignee: 'Bob' } })
    t.equal(second.statusCode, 412, 'the second writer read the old version')
    t.match(second.headers['content-type'], /^application\/problem\+json/)
    for (const ifMatch of ['W/' + etag, 'garbage', '"999"']) {
      t.equal((await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: { ...h.auth, 'if-match': ifMatch }, payload: { assignee: 'Bob' } })).statusCode, 412, ifMatch)
    }
    t.equal((await h.db.prisma.lead.findUniqueOrThrow({ where: { id } })).assignee, 'Alice', 'the first change stands')
    const star = await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: { ...h.auth, 'if-match': '*' }, payload: { assignee: 'Bob' } })
    t.equal(star.statusCode, 200, 'If-Match: * matches any version')
    t.equal(star.headers.etag, (await h.app.inject({ url: `/api/leads/${id}`, headers: h.auth })).headers.etag, 'GET and PATCH agree on the ETag')
  })

  t.test(`${kind}: tags, assignee, lost reason and reclassification are recorded in the timeline and as corrections`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const id = await insertLead(h.db, { capabilities: ['conversational'] })
    const res = await h.app.inject({
      method: 'PATCH',
      url: `/api/leads/${id}`,
      headers: h.auth,
      payload: { tags: ['vip', 'vip', 'salon'], assignee: 'Karim', projectType: 'consulting', sector: 'health', capabilities: ['vision', 'data'] }
    })
    t.equal(res.statusCode, 200, res.body)
    const body = res.json()
    t.same(body.tags, ['vip', 'salon'])
    t.equal(body.assignee, 'Karim')
    t.equal(body.projectType, 'consulting')
    t.equal(body.sector, 'health')
    t.same(body.capabilities, ['data', 'vision'])
    const byType = (type: string) => body.timeline.filter((e: { type: string }) => e.type === type).map((e: { data: object, actor: string }) => ({ ...e.data, actor: e.actor }))
    t.same(byType('reclassified').sort((a: any, b: any) => a.axis.localeCompare(b.axis)), [
      { axis: 'capabilities', from: ['conversational'], to: ['data', 'vision'], actor: 'alice' },
      { axis: 'projectType', from: 'implementation', to: 'consulting', actor: 'alice' },
      { axis: 'sector', from: 'retail_ecommerce', to: 'health', actor: 'alice' }
    ])
    t.same(byType('updated').sort((a: any, b: any) => a.field.localeCompare(b.field)), [
      { field: 'assignee', from: null, to: 'Karim', actor: 'alice' },
      { field: 'tags', from: [], to: ['vip', 'salon'], actor: 'alice' }
    ])
    const corrections = await h.db.prisma.classificationCorrection.findMany({ where: { leadId: id } })
    t.same(corrections.map(c => [c.axis, JSON.parse(c.value), c.actor]).sort(), [
      ['capabilities', ['data', 'vision'], 'alice'], ['projectType', 'consulting', 'alice'], ['sector', 'health', 'alice']
    ], 'corrections stored for the classifier\'s training')
    const again = await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload: { sector: 'health' } })
    t.equal(again.json().version, body.version, 'a change to the same value writes nothing')

    const lost = await insertLead(h.db)
    const r = await h.app.inject({ method: 'PATCH', url: `/api/leads/${lost}`, headers: h.auth, payload: { status: 'lost', lostReason: 'Budget trop faible' } })
    t.equal(r.json().lostReason, 'Budget trop faible')
  })

  t.test(`${kind}: bad PATCH bodies are 400, unknown leads 404`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const id = await insertLead(h.db)
    for (const payload of [{}, { status: 'done' }, { sector: 'space' }, { capabilities: ['telepathy'] }, { tags: 'vip' }, { spam: 'yes' },
      { fullName: 'Changed' }, { spam: true, status: 'contacted' }, { tags: Array(21).fill('x').map((x, i) => x + i) }]) {
      const res = await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload })
      t.equal(res.statusCode, 400, JSON.stringify(payload))
    }
    t.equal((await h.app.inject({ method: 'PATCH', url: '/api/leads/nope', headers: h.auth, payload: { status: 'contacted' } })).statusCode, 404)
    t.equal((await h.app.inject({ url: '/api/leads/nope', headers: h.auth })).statusCode, 404)
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id } })
    t.equal(lead.version, 1, 'nothing written')
  })

  t.test(`${kind}: a spam lead marked not spam gets the notifications it never got`, async t => {
    const h = await buildConsultantApp({ kind, env: { NOTIFY_TO: 'consultant@example.ma' } })
    t.teardown(h.close)
    const id = await insertLead(h.db, { status: 'spam', spam: true, score: 0 })
    const res = await h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload: { spam: false } })
    t.equal(res.statusCode, 200, res.body)
    t.equal(res.json().status, 'new')
    t.equal(res.json().spam, false)
    const jobs = await h.db.prisma.emailJob.findMany({ where: { leadId: id } })
    t.same(jobs.map(j => j.kind).sort(), ['ack', 'consultant'], 'the consultant notification and the acknowledgement are queued')
    t.same(jobs.find(j => j.kind === 'consultant')?.recipient, 'consultant@example.ma')
    const correction = await h.db.prisma.classificationCorrection.findFirstOrThrow({ where: { leadId: id } })
    t.same([correction.axis, JSON.parse(correction.value)], ['spam', false])
    t.ok(res.json().timeline.some((e: { type: string }) => e.type === 'email_queued'), 'the queued e-mails show in the timeline')

    // Marking spam again and archiving sends nothing more.
    const spamAgain = await insertLead(h.db)
    const marked = await h.app.inject({ method: 'PATCH', url: `/api/leads/${spamAgain}`, headers: h.auth, payload: { spam: true } })
    t.equal(marked.json().status, 'spam')
    await h.app.inject({ method: 'PATCH', url: `/api/leads/${spamAgain}`, headers: h.auth, payload: { status: 'archived' } })
    t.equal(await h.db.prisma.emailJob.count({ where: { leadId: spamAgain } }), 0)
    t.equal((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: spamAgain } })).spam, true, 'archived spam stays spam')
  })

  t.test(`${kind}: the notifications hook runs inside the PATCH transaction`, async t => {
    const calls: string[] = []
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    // The same hook intake uses, wrapped to fail after queuing: nothing of the PATCH may remain.
    const hook = createNotificationHook({ config: h.config })
    const { createConsultantService } = await import('../../src/consultant/service.ts')
    const service = createConsultantService({
      db: h.db,
      staleLeadHours: 48,
      onLeadAccepted: async (created, tx) => {
        const [{ lead, classification }] = created as [typeof created[0]]
        calls.push(lead.id)
        t.equal(classification?.projectType, 'implementation', 'the stored classification is passed on')
        await hook(created, tx)
        throw new Error('mail queue broken')
      }
    })
    const id = await insertLead(h.db, { status: 'spam', spam: true })
    await t.rejects(service.update(id, { spam: false }, 'alice', undefined))
    t.same(calls, [id])
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id } })
    t.equal(lead.status, 'spam', 'the status change rolled back')
    t.equal(await h.db.prisma.emailJob.count(), 0, 'no e-mail job left behind')
    t.equal(await h.db.prisma.leadEvent.count({ where: { leadId: id, type: 'status_changed' } }), 0)
  })

  t.test(`${kind}: notes are added, listed oldest first and appear in the timeline`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const id = await insertLead(h.db)
    const first = await h.app.inject({ method: 'POST', url: `/api/leads/${id}/notes`, headers: h.auth, payload: { body: 'Appelé, rappeler jeudi.' } })
    t.equal(first.statusCode, 201, first.body)
    t.equal(first.json().author, 'alice')
    await h.app.inject({ method: 'POST', url: `/api/leads/${id}/notes`, headers: h.auth, payload: { body: 'Devis envoyé.' } })
    const list = await h.app.inject({ url: `/api/leads/${id}/notes`, headers: h.auth })
    t.same(list.json().items.map((n: { body: string }) => n.body).sort(), ['Appelé, rappeler jeudi.', 'Devis envoyé.'])
    const detail = (await h.app.inject({ url: `/api/leads/${id}`, headers: h.auth })).json()
    t.equal(detail.notes.length, 2)
    t.equal(detail.timeline.filter((e: { type: string }) => e.type === 'note_added').length, 2)
    t.same(detail.timeline.map((e: { type: string }) => e.type)[0], 'created')
    for (const payload of [{}, { body: '' }, { body: '   ' }, { body: 'x'.repeat(10_001) }, { body: 'ok', extra: 1 }]) {
      t.equal((await h.app.inject({ method: 'POST', url: `/api/leads/${id}/notes`, headers: h.auth, payload })).statusCode, 400, JSON.stringify(payload).slice(0, 40))
    }
    t.equal((await h.app.inject({ method: 'POST', url: '/api/leads/nope/notes', headers: h.auth, payload: { body: 'x' } })).statusCode, 404)
    t.equal((await h.app.inject({ url: '/api/leads/nope/notes', headers: h.auth })).statusCode, 404)
  })

  t.test(`${kind}: a failed delivery can be retried, others cannot`, async t => {
    const h = await buildConsultantApp({ kind, clock: () => NOW })
    t.teardown(h.close)
    const id = await insertLead(h.db)
    const job = (status: string, n: number) => ({
      id: `job-${status}`, leadId: id, kind: 'consultant', idempotencyKey: `k-${n}`, recipient: 'c@example.ma', messageId: `<m${n}@x>`,
      payload: '{}', status, attempts: 10, lastError: '550 mailbox unavailable', nextAttemptAt: new Date('2026-03-01T00:00:00Z')
    })
    await h.db.prisma.emailJob.createMany({ data: [job('failed', 1), job('sent', 2)] })
    const res = await h.app.inject({ method: 'POST', url: `/api/leads/${id}/emails/job-failed/retry`, headers: h.auth })
    t.equal(res.statusCode, 200, res.body)
    t.match(res.json(), { id: 'job-failed', status: 'pending', attempts: 0, nextAttemptAt: NOW.toISOString() })
    const events = await h.db.prisma.leadEvent.findMany({ where: { leadId: id, type: 'email_retried' } })
    t.same(events.map(e => [e.actor, JSON.parse(e.data)]), [['alice', { deliveryId: 'job-failed', kind: 'consultant' }]])
    const sent = await h.app.inject({ method: 'POST', url: `/api/leads/${id}/emails/job-sent/retry`, headers: h.auth })
    t.equal(sent.statusCode, 409)
    t.equal(sent.json().deliveryStatus, 'sent')
    t.equal((await h.app.inject({ method: 'POST', url: `/api/leads/${id}/emails/job-failed/retry`, headers: h.auth })).statusCode, 409, 'already pending')
    t.equal((await h.app.inject({ method: 'POST', url: `/api/leads/${id}/emails/other/retry`, headers: h.auth })).statusCode, 404)
    const other = await insertLead(h.db)
    t.equal((await h.app.inject({ method: 'POST', url: `/api/leads/${other}/emails/job-sent/retry`, headers: h.auth })).statusCode, 404, 'another lead\'s delivery')
  })
}
