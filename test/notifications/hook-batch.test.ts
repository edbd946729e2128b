import t from 'tap'
import { leadInputSchema } from '../../src/leads/schema.ts'
import { createIntakeService } from '../../src/leads/service.ts'
import { createNotificationHook } from '../../src/notifications/index.ts'
import { buildTestApp } from '../helpers/app.ts'
import { testDatabases } from '../helpers/databases.ts'
import { validLead } from '../helpers/leads.ts'

// Intake writes leads in batches: the acknowledgement caps must hold inside one batch as well.
for (const kind of testDatabases()) {
  t.test(`${kind}: the caps are spent lead by lead within one batch`, async t => {
    const h = await buildTestApp({ kind, env: { ACK_DAILY_LIMIT_PER_ADDRESS: '2', ACK_HOURLY_LIMIT: '4' } })
    t.teardown(h.close)
    const intake = createIntakeService({ db: h.db, duplicateWindowSeconds: 60, log: { error: () => {} }, onLeadsCreated: createNotificationHook({ config: h.config }) })
    const meta = { locale: 'fr' as const, ipHash: undefined, userAgent: undefined, idempotencyKey: undefined }
    // Submitted together, so the group commit writes them in one or two transactions.
    const inputs = [
      ...Array.from({ length: 3 }, (_, i) => validLead({ email: 'same@example.ma', details: `Première demande numéro ${i}, un chatbot pour nos clients.` })),
      ...Array.from({ length: 4 }, () => validLead())
    ].map(b => leadInputSchema.parse(b))
    await Promise.all(inputs.map(i => intake.submit(i, meta)))

    t.equal(await h.db.prisma.emailJob.count({ where: { kind: 'ack', recipient: 'same@example.ma' } }), 2, 'two a day to one address')
    t.equal(await h.db.prisma.emailJob.count({ where: { kind: 'ack' } }), 4, 'four an hour overall')
    t.equal(await h.db.prisma.emailJob.count({ where: { kind: 'consultant' } }), 7, 'the consultant hears of every lead')
    const skipped = await h.db.prisma.leadEvent.findMany({ where: { type: 'email_skipped' } })
    t.same(skipped.map(e => JSON.parse(e.data).reason).sort(), ['address_limit', 'hourly_limit', 'hourly_limit'])
    t.equal(await h.db.prisma.emailJob.count({ where: { kind: 'alert' } }), 1, 'one alert for the hourly cap')
  })
}
