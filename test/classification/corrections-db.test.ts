import t from 'tap'
import { loadCorrections } from '../../src/classification/corrections.ts'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, insertLead } from '../consultant/fixtures.ts'

// What `npm run classify:train` reads from a real database: the corrections a consultant made
// through the API become training examples with the lead's own text; erased leads give none.

for (const kind of testDatabases()) {
  t.test(`${kind}: corrections made through the API come back as training examples`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    const details = 'Nous voulons prévoir les rendements de nos vergers à partir des capteurs.'
    const corrected = await insertLead(h.db, { fullName: 'Yassine Amrani', email: 'yassine@coop-souss.ma', details, projectTypeRaw: 'Formation', company: 'Coop Souss' })
    const erased = await insertLead(h.db)
    await insertLead(h.db) // never corrected

    const patch = (id: string, payload: object) => h.app.inject({ method: 'PATCH', url: `/api/leads/${id}`, headers: h.auth, payload })
    t.equal((await patch(corrected, { sector: 'industry' })).statusCode, 200)
    // The latest correction of an axis wins.
    t.equal((await patch(corrected, { sector: 'agriculture', capabilities: ['data', 'predictive'], projectType: 'consulting' })).statusCode, 200)
    t.equal((await patch(erased, { sector: 'finance' })).statusCode, 200)
    t.equal((await h.app.inject({ method: 'DELETE', url: `/api/leads/${erased}`, headers: h.auth })).statusCode, 204)

    const examples = await loadCorrections(h.config.databaseUrl)
    t.same(examples, [{
      input: { fullName: 'Yassine Amrani', email: 'yassine@coop-souss.ma', projectType: 'Formation', details, company: 'Coop Souss' },
      labels: { sector: 'agriculture', projectType: 'consulting', capabilities: ['data', 'predictive'] }
    }], 'one example, the corrected lead with its latest labels; the erased lead is left out')
  })
}
