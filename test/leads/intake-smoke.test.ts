import t from 'tap'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'

for (const kind of testDatabases()) {
  t.test(`${kind}: a valid JSON submission is stored`, async t => {
    const h = await buildTestApp({ kind })
    t.teardown(h.close)
    const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload: { fullName: 'Amina El Idrissi', email: 'amina@Example.MA', details: 'Nous voulons un chatbot pour nos clients.' } })
    t.equal(res.statusCode, 201, res.body)
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.json().id } })
    t.equal(lead.email, 'amina@example.ma')
    t.equal(lead.status, 'new')
  })
}
