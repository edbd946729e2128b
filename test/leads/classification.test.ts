import t from 'tap'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { validLead } from '../helpers/leads.ts'

for (const kind of testDatabases()) {
  t.test(`${kind}: each new lead is stored with its classification`, async t => {
    const h = await buildTestApp({ kind })
    t.teardown(h.close)
    const res = await h.app.inject({
      method: 'POST', url: '/api/leads',
      payload: validLead({ projectType: 'Formation', company: 'Clinique Atlas', email: 'direction@clinique-atlas.ma', details: 'Nous sommes une clinique à Rabat. Nous voulons développer et déployer un chatbot qui répond aux patients et prend les rendez-vous. Budget prévu, lancement en mars.' })
    })
    t.equal(res.statusCode, 201)
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.json().id }, include: { capabilities: true } })
    t.equal(lead.projectType, 'implementation', 'the details win over a select that disagrees')
    t.equal(lead.sector, 'health')
    t.equal(lead.language, 'fr')
    t.equal(lead.spam, false)
    t.ok(lead.score! > 0 && lead.score! <= 100)
    t.ok(lead.classifierVersion)
    t.ok(lead.capabilities.some(c => c.capability === 'conversational'))
    const stored = JSON.parse(lead.classification!)
    t.ok(stored.evidence.projectType.length > 0, 'the evidence is kept')
    t.ok(stored.scoreReasons.length > 0, 'the score reasons are kept')
    t.equal(await h.db.prisma.lead.count({ where: { sector: 'health', projectType: 'implementation' } }), 1, 'queryable by its codes')
  })

  t.test(`${kind}: spam found by the classifier is kept with status spam and never notified`, async t => {
    const h = await buildTestApp({ kind })
    t.teardown(h.close)
    const res = await h.app.inject({
      method: 'POST', url: '/api/leads',
      payload: validLead({ fullName: 'SEO Expert', email: 'seo@rank-fast.example', projectType: '', details: 'We offer cheap SEO backlinks and guaranteed first page Google ranking! Buy now: http://rank-fast.example http://rank-fast.example/deal http://cheap-links.example' })
    })
    t.equal(res.statusCode, 201, 'it looks like any success')
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.json().id } })
    t.equal(lead.status, 'spam')
    t.equal(lead.score, 0)
    t.equal(await h.db.prisma.emailJob.count({ where: { leadId: lead.id } }), 0)
  })

  t.test(`${kind}: a classifier failure still stores the lead, unclassified, and logs why`, async t => {
    const h = await buildTestApp({ kind, classify: () => { throw new Error('model exploded') } })
    t.teardown(h.close)
    const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead() })
    t.equal(res.statusCode, 201)
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.json().id } })
    t.equal(lead.projectType, null)
    t.equal(lead.status, 'new')
    t.ok(await h.db.prisma.emailJob.count({ where: { leadId: lead.id } }) > 0, 'the consultant is still told')
    t.ok(h.logs.some(l => l.level === 50 && /classification failed/.test(String(l.msg))))
  })
}
