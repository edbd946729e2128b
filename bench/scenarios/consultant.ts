import { request } from 'node:http'
import type { Context } from '../lib/context.ts'
import { freshDatabase, type FreshDatabase, type Kind } from '../lib/databases.ts'
import { measure, type Measured } from '../lib/load.ts'
import { rssMb, sampleRss, type Child } from '../lib/processes.ts'
import { seedLeads } from '../lib/seed.ts'
import { startService } from '../lib/service.ts'
import { round, spread, type Spread } from '../lib/stats.ts'

// Scenarios 4, 5 and 7 on one database: the service's first start (it applies the migrations),
// years of leads seeded in bulk while it is stopped, then cold starts on that database (idle RSS
// after each), the consultant's list and one filtered search under load, and the CSV export of
// every lead with the service's memory sampled every 50 ms.

export const LIST_PATH = '/api/leads?status=new&limit=50'
export const SEARCH_PATH = '/api/leads?q=casablanca&sector=finance&limit=50'
export const EXPORT_PATH = '/api/leads/export.csv?spam=any'
const EXPORT_BUDGET_SECONDS = 90

export interface ExportRun { seconds: number, rows: number, megabytes: number, rssStartMb: number, rssPeakMb: number, rssEndMb: number }

export interface ConsultantResult {
  kind: Kind
  seeded: { leads: number, seconds: number }
  /** Start to ready, the first start applying the migrations to an empty database. */
  firstStartMs: number
  /** Start to ready on the migrated, seeded database. */
  coldStartMs: Spread
  idleRssMb: Spread
  list?: Measured & { rows: number }
  search?: Measured & { rows: number }
  export?: { seconds: Spread, rssGrowthMb: Spread, runs: ExportRun[] }
  /** Why a part could not be measured (a route not there yet, no API key...). */
  unavailable: Record<string, string>
}

export async function consultant (ctx: Context, kind: Kind): Promise<ConsultantResult> {
  const { profile } = ctx
  const db = await freshDatabase(kind, ctx.postgresUrl, 'consultant')
  try {
    const first = await startService(db)
    await first.stop()

    ctx.log(`  seeding ${profile.seedLeads.toLocaleString('en-US')} leads (${kind})`)
    const seeded = await seedLeads(kind, db.url, profile.seedLeads)
    const unavailable: Record<string, string> = {}
    const key = await createApiKey(db).catch((err: Error) => { unavailable.apiKey = `no API key: ${err.message.split('\n')[0]}`; return undefined })

    const coldStarts: number[] = []
    const idle: number[] = []
    for (let i = 0; i < profile.startRuns - 1; i++) {
      const s = await startService(db)
      coldStarts.push(s.readyMs)
      await settle()
      idle.push(rssMb(s.pid) ?? 0)
      await s.stop()
    }
    const service = await startService(db)
    coldStarts.push(service.readyMs)
    await settle()
    idle.push(rssMb(service.pid) ?? 0)

    const result: ConsultantResult = {
      kind,
      seeded: { leads: seeded.leads, seconds: round(seeded.ms / 1000) },
      firstStartMs: round(first.readyMs, 0),
      coldStartMs: spread(coldStarts.map(ms => round(ms, 0))),
      idleRssMb: spread(idle.map(mb => round(mb))),
      unavailable
    }
    try {
      if (key) {
        const auth = { authorization: `Bearer ${key}` }
        for (const [name, path] of [['list', LIST_PATH], ['search', SEARCH_PATH]] as const) {
          const probe = await get(service, path, auth)
          if (probe.status !== 200) { unavailable[name] = unavailableBecause(path, probe); continue }
          const rows = (JSON.parse(probe.body) as { items: unknown[] }).items.length
          result[name] = { ...await measure({ url: service.baseUrl + path, connections: profile.connections, headers: auth }, profile), rows }
        }
        const probe = await get(service, EXPORT_PATH, auth, 1)
        if (probe.status !== 200) unavailable.export = unavailableBecause(EXPORT_PATH, probe)
        else {
          const runs: ExportRun[] = []
          // Bounded in time as well as count: a slow export gets fewer runs (the JSON says how many).
          const started = performance.now()
          for (let i = 0; i < profile.exportRuns; i++) {
            runs.push(await exportOnce(service, auth))
            const elapsed = (performance.now() - started) / 1000
            if (elapsed + runs[runs.length - 1]!.seconds > EXPORT_BUDGET_SECONDS) break
          }
          result.export = { seconds: spread(runs.map(r => r.seconds)), rssGrowthMb: spread(runs.map(r => round(r.rssPeakMb - r.rssStartMb))), runs }
        }
      }
    } finally {
      await service.stop()
    }
    return result
  } finally {
    await db.drop()
  }
}

const settle = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 1000))

function unavailableBecause (path: string, probe: { status: number, body: string }): string {
  const route = path.split('?')[0]
  if (probe.status === 404) return `GET ${route} is not there yet (404)`
  return `GET ${route} answered ${probe.status || 'nothing'}: ${probe.body.slice(0, 120)}`
}

/** A key made the way `npm run apikey -- create bench` makes one, with the service's own code. */
async function createApiKey (db: FreshDatabase): Promise<string> {
  const [{ openDatabase }, { createApiKeyStore }] = await Promise.all([
    import('../../src/db/client.ts'),
    import('../../src/consultant/api-keys.ts')
  ])
  const database = await openDatabase({ url: db.url, poolSize: 1 })
  try {
    return (await createApiKeyStore({ db: database }).create('bench')).key
  } finally {
    await database.close()
  }
}

/** One GET, its status and the first `maxKb` of its body. */
function get (service: Child, path: string, headers: Record<string, string>, maxKb = 1024): Promise<{ status: number, body: string }> {
  return new Promise(resolve => {
    const req = request({ host: '127.0.0.1', port: service.port, path, headers, timeout: 30_000 }, res => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
        if (body.length > maxKb * 1024) { res.destroy(); resolve({ status: res.statusCode ?? 0, body }) }
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('timeout', () => req.destroy())
    req.on('error', err => resolve({ status: 0, body: err.message }))
    req.end()
  })
}

/** Downloads the whole CSV export, counting its records (quoted fields may hold line breaks). */
function exportOnce (service: Child, headers: Record<string, string>): Promise<ExportRun> {
  return new Promise((resolve, reject) => {
    const sampler = sampleRss(service.pid)
    const started = performance.now()
    let bytes = 0
    let records = 0
    let quoted = false
    const req = request({ host: '127.0.0.1', port: service.port, path: EXPORT_PATH, headers, timeout: 120_000 }, res => {
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        for (let i = 0; i < chunk.length; i++) {
          const c = chunk[i]
          if (c === 0x22) quoted = !quoted
          else if (c === 0x0a && !quoted) records++
        }
      })
      res.on('end', () => {
        const rss = sampler.stop()
        resolve({
          seconds: round((performance.now() - started) / 1000, 2),
          // The first record is the header row.
          rows: records - 1,
          megabytes: round(bytes / 1024 / 1024),
          rssStartMb: round(rss.startMb),
          rssPeakMb: round(rss.peakMb),
          rssEndMb: round(rss.endMb)
        })
      })
      res.on('error', err => { sampler.stop(); reject(err) })
    })
    req.on('timeout', () => req.destroy(new Error('export timed out after 120 s')))
    req.on('error', err => { sampler.stop(); reject(err) })
    req.end()
  })
}
