import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import t from 'tap'
import { testDatabases } from '../helpers/databases.ts'
import { buildConsultantApp, leadRow, type ConsultantTestApp } from './fixtures.ts'

// The bulk export streams page by page: the memory it takes must not grow with the number of
// leads. Measured as a ratio between two exports in the same process (10x the rows must not take
// anything like 10x the memory), never as a time.

// Writing and streaming 100 000 leads takes longer than the suite's per-file default.
t.setTimeout(480_000)
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const SAMPLE_EVERY = 1_000_000 // bytes of CSV between two samples
const SIZES: Record<string, [number, number]> = { sqlite: [10_000, 100_000], postgres: [2_000, 20_000] }

const LEAD_COLUMNS = ['createdAt', 'updatedAt', 'version', 'status', 'fullName', 'email', 'projectTypeRaw', 'details', 'company', 'phone', 'locale',
  'consent', 'consentAt', 'consentVersion', 'pageUrl', 'referrer', 'utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent', 'ipHash',
  'userAgent', 'searchText', 'dedupeKey', 'projectType', 'sector', 'language', 'spam', 'spamScore', 'score', 'classifierVersion', 'classification',
  'lostReason', 'tags', 'assignee', 'firstContactedAt', 'lastActivityAt', 'erasedAt'].map(c => `"${c}"`).join(', ')

/** Grows the table to `total` leads fast: copies of existing rows with new ids, by INSERT … SELECT (same SQL on both databases). */
async function growLeads (h: ConsultantTestApp, total: number): Promise<void> {
  if (await h.db.prisma.lead.count() === 0) {
    await h.db.prisma.lead.createMany({ data: Array.from({ length: 100 }, () => leadRow({ details: 'Nous voulons prévoir la demande, "vite", et automatiser la facturation; budget 50 000 dh.' })) })
  }
  for (let round = 0; ; round++) {
    const missing = total - await h.db.prisma.lead.count()
    if (missing <= 0) return
    await h.db.prisma.$executeRawUnsafe(
      `INSERT INTO "Lead" ("id", ${LEAD_COLUMNS}) SELECT "id" || '-${total}-${round}', ${LEAD_COLUMNS} FROM "Lead" ORDER BY "id" LIMIT ${missing}`)
  }
}

/**
 * Streams the export over real HTTP, returning its size and the peak growth of the live heap
 * meanwhile: sampled after a full GC every few chunks, so garbage V8 has not collected yet (which
 * depends on its heuristics, not on us) does not count, while rows held on to would.
 */
async function measureExport (h: ConsultantTestApp, port: number): Promise<{ lines: number, bytes: number, heapGrowth: number }> {
  gc()
  const base = process.memoryUsage().heapUsed
  let peak = base
  let bytes = 0
  let lines = 0
  await new Promise<void>((resolve, reject) => {
    request({ port, path: '/api/leads/export.csv', headers: h.auth }, res => {
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`))
      let nextSample = SAMPLE_EVERY
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        for (const b of chunk) if (b === 0x0A) lines++
        if (bytes < nextSample) return
        nextSample += SAMPLE_EVERY
        gc()
        const used = process.memoryUsage().heapUsed
        if (used > peak) peak = used
      })
      res.on('end', resolve)
      res.on('error', reject)
    }).on('error', reject).end()
  })
  return { lines, bytes, heapGrowth: peak - base }
}

for (const kind of testDatabases()) {
  const [small, large] = SIZES[kind]!
  t.test(`${kind}: exporting ${large} leads takes no more memory than exporting ${small}, give or take`, async t => {
    const h = await buildConsultantApp({ kind })
    t.teardown(h.close)
    await h.app.listen({ port: 0, host: '127.0.0.1' })
    const port = (h.app.server.address() as AddressInfo).port

    await growLeads(h, small)
    await measureExport(h, port) // warm-up: Prisma and the JIT settle first
    const first = await measureExport(h, port)
    t.equal(first.lines, small + 1, 'every lead and the header')

    await growLeads(h, large)
    const second = await measureExport(h, port)
    t.equal(second.lines, large + 1, 'every lead and the header')
    t.ok(second.bytes > first.bytes * 9, `the output is ${Math.round(second.bytes / 1e6)} MB`)

    // A page of rows and the socket's buffers are a few MB whatever the total; the floor keeps the
    // ratio from dividing by noise. Holding every row would take well over 100 MB at 100 000.
    const ratio = second.heapGrowth / Math.max(first.heapGrowth, 8e6)
    t.comment(`heap growth: ${(first.heapGrowth / 1e6).toFixed(1)} MB for ${small} leads, ${(second.heapGrowth / 1e6).toFixed(1)} MB for ${large} (ratio ${ratio.toFixed(2)}, rows x${large / small})`)
    t.ok(ratio < 2.5, `memory does not grow with the rows (ratio ${ratio.toFixed(2)})`)
  })
}
