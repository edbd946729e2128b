import t from 'tap'
import type { Database } from '../../src/db/client.ts'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { validLead } from '../helpers/leads.ts'

// A lead and the email jobs it owes are written in one transaction: a failure anywhere after the
// lead's insert (inside the notification hook, or after it) leaves neither. The failures are real
// database errors, raised by a trigger the test installs.

async function failInserts (db: Database, table: string, when: string | null): Promise<() => Promise<void>> {
  if (db.kind === 'sqlite') {
    await db.prisma.$executeRawUnsafe(`CREATE TRIGGER injected_failure BEFORE INSERT ON "${table}" ${when ? `WHEN ${when}` : ''} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
    return async () => { await db.prisma.$executeRawUnsafe('DROP TRIGGER injected_failure') }
  }
  await db.prisma.$executeRawUnsafe(`CREATE FUNCTION injected_failure() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`)
  await db.prisma.$executeRawUnsafe(`CREATE TRIGGER injected_failure BEFORE INSERT ON "${table}" FOR EACH ROW ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION injected_failure()`)
  return async () => {
    await db.prisma.$executeRawUnsafe(`DROP TRIGGER injected_failure ON "${table}"`)
    await db.prisma.$executeRawUnsafe('DROP FUNCTION injected_failure()')
  }
}

async function counts (db: Database) {
  return { leads: await db.prisma.lead.count(), jobs: await db.prisma.emailJob.count(), events: await db.prisma.leadEvent.count() }
}

for (const kind of testDatabases()) {
  t.test(`${kind}: a failure inside the hook, after a job was queued, leaves neither lead nor jobs`, async t => {
    const h = await buildTestApp({ kind })
    t.teardown(h.close)
    // The jobs' insert fails at the acknowledgement's row, after the consultant's row went in.
    const restore = await failInserts(h.db, 'EmailJob', `NEW."kind" = 'ack'`)
    const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead() })
    t.ok(res.statusCode >= 500, `the request fails (${res.statusCode})`)
    t.same(await counts(h.db), { leads: 0, jobs: 0, events: 0 })

    await restore()
    const ok = await h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead() })
    t.equal(ok.statusCode, 201)
    t.same(await counts(h.db), { leads: 1, jobs: 2, events: 3 }, 'once the fault is gone: the lead, its two jobs, created + two email_queued')
  })

  t.test(`${kind}: a failure after the hook, later in the same transaction, leaves neither lead nor jobs`, async t => {
    const h = await buildTestApp({ kind })
    t.teardown(h.close)
    // The idempotency record is the transaction's last insert, after the hook has queued the jobs.
    await failInserts(h.db, 'IdempotencyRecord', null)
    const res = await h.app.inject({ method: 'POST', url: '/api/leads', payload: validLead(), headers: { 'idempotency-key': 'k-1' } })
    t.ok(res.statusCode >= 500, `the request fails (${res.statusCode})`)
    t.same(await counts(h.db), { leads: 0, jobs: 0, events: 0 })
  })
}
