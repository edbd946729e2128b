// npm run bench [-- --quick] [-- --postgres] [-- --only=intake,flood] [-- --out=FILE]
//
// Starts the real service (and bare reference servers) as child processes on fresh databases, loads
// them with autocannon from this process, and prints one table; the figures, the machine and the
// settings go to bench/results/latest.json (a full run) or bench/results/quick.json (--quick).
// Figures are read as ratios against references measured in the same run, never as wall-clock limits.
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, platform, release, totalmem, arch } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Context } from './lib/context.ts'
import { dropAll, type Kind } from './lib/databases.ts'
import { PROFILES } from './lib/load.ts'
import { killAll, repoRoot } from './lib/processes.ts'
import { formatNumber, formatSpread, percent, renderTable, type TableRow } from './lib/report.ts'
import { ratio, spread } from './lib/stats.ts'
import { classification, type ClassificationResult } from './scenarios/classification.ts'
import { consultant, LIST_PATH, SEARCH_PATH, EXPORT_PATH, type ConsultantResult } from './scenarios/consultant.ts'
import { flood, FLOOD_CONNECTIONS, GENUINE_CONNECTIONS, GENUINE_RATE, type FloodResult } from './scenarios/flood.ts'
import { intake, type IntakeResult } from './scenarios/intake.ts'
import { referencePath, type ReferenceResult } from './scenarios/reference.ts'

const SCENARIOS = ['classification', 'baseline', 'intake', 'flood', 'consultant'] as const
type Scenario = typeof SCENARIOS[number]
/** Everything stops by itself well before this; past it the run is abandoned and its children killed. */
const HARD_LIMIT_MS = 20 * 60_000

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
    only: { type: 'string' },
    out: { type: 'string' }
  }
})

const only = args.only?.split(',').map(s => s.trim()).filter(Boolean)
const unknown = only?.filter(s => !(SCENARIOS as readonly string[]).includes(s)) ?? []
if (unknown.length > 0) {
  console.error(`bench: unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`)
  process.exit(2)
}
const wanted = (s: Scenario): boolean => !only || only.includes(s)
const postgresHost = new URL(args['postgres-url']!).hostname
if (args.postgres && postgresHost !== '127.0.0.1' && postgresHost !== 'localhost') {
  console.error('bench: requests go only to 127.0.0.1; --postgres-url must name a local server')
  process.exit(2)
}

const ctx: Context = {
  profile: args.quick ? PROFILES.quick : PROFILES.full,
  postgresUrl: args['postgres-url']!,
  log: message => console.error(message)
}
const kinds: Kind[] = args.postgres ? ['sqlite', 'postgres'] : ['sqlite']

async function abandon (why: string, code: number): Promise<never> {
  console.error(`bench: ${why}; stopping the child processes`)
  killAll()
  await dropAll()
  process.exit(code)
}
process.once('SIGINT', () => { void abandon('interrupted', 130) })
process.once('SIGTERM', () => { void abandon('terminated', 143) })
const watchdog = setTimeout(() => { void abandon(`over ${HARD_LIMIT_MS / 60_000} minutes`, 1) }, HARD_LIMIT_MS)

interface Results {
  classification?: ClassificationResult
  baseline?: ReferenceResult
  raw: Partial<Record<Kind, ReferenceResult>>
  intake: Partial<Record<Kind, IntakeResult>>
  flood: Partial<Record<Kind, FloodResult>>
  consultant: Partial<Record<Kind, ConsultantResult>>
}
const results: Results = { raw: {}, intake: {}, flood: {}, consultant: {} }
const failures: Record<string, string> = {}

async function step<T> (name: string, run: () => Promise<T>): Promise<T | undefined> {
  const started = performance.now()
  ctx.log(`bench: ${name}…`)
  try {
    const value = await run()
    ctx.log(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    return value
  } catch (err) {
    failures[name] = (err as Error).message.split('\n').slice(0, 6).join(' / ')
    ctx.log(`bench: ${name} FAILED: ${(err as Error).stack ?? err}`)
    return undefined
  } finally {
    // Whatever a failed step left running is stopped before the next one measures anything.
    killAll()
  }
}

async function main (): Promise<void> {
  const started = Date.now()
  const loadBefore = loadavg()
  if (wanted('classification')) results.classification = await step('classification', () => classification(ctx))
  if (wanted('baseline') || wanted('intake')) results.baseline = await step('baseline (no database)', () => referencePath(ctx, 'none'))
  for (const kind of kinds) {
    if (wanted('intake')) {
      results.raw[kind] = await step(`raw driver path (${kind})`, () => referencePath(ctx, kind))
      results.intake[kind] = await step(`intake (${kind})`, () => intake(ctx, kind))
    }
    if (wanted('flood')) results.flood[kind] = await step(`flood (${kind})`, () => flood(ctx, kind))
    if (wanted('consultant')) results.consultant[kind] = await step(`list, search, export, starts (${kind})`, () => consultant(ctx, kind))
  }
  clearTimeout(watchdog)

  // From the process start: loading the TypeScript toolchain is part of the run.
  const durationSeconds = Math.round(performance.now() / 1000)
  const table = renderTable(tableRows())
  const cpu = cpus()
  const report = {
    date: new Date(started).toISOString(),
    durationSeconds,
    profile: ctx.profile,
    machine: {
      os: `${platform()} ${release()} ${arch()}`,
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      // Other work on the machine during the run (1, 5, 15 minute load averages).
      loadAverageBefore: loadBefore.map(l => Math.round(l * 100) / 100),
      loadAverageAfter: loadavg().map(l => Math.round(l * 100) / 100)
    },
    settings: {
      databases: kinds,
      connections: ctx.profile.connections,
      flood: { floodConnections: FLOOD_CONNECTIONS, genuineConnections: GENUINE_CONNECTIONS, genuineRatePerSecond: GENUINE_RATE, rateLimit: '10 per minute per client, TRUST_PROXY=true' },
      paths: { list: LIST_PATH, search: SEARCH_PATH, export: EXPORT_PATH },
      serviceEnv: 'LOG_LEVEL=warn, RATE_LIMIT_MAX unlimited (but for the flood), ACK_HOURLY_LIMIT unlimited (every lead queues both e-mails), in-process outbox worker writing .eml files'
    },
    ratios: ratios(),
    results,
    failures,
    table
  }
  const out = args.out ?? join(repoRoot, 'bench', 'results', args.quick || only ? 'quick.json' : 'latest.json')
  mkdirSync(join(out, '..'), { recursive: true })
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n')

  console.log(`\nLeadline benchmark, ${ctx.profile.name} profile (${ctx.profile.runs} × ${ctx.profile.runSeconds} s after ${ctx.profile.warmupSeconds} s warm-up, ${ctx.profile.connections} connections)`)
  console.log(`${report.machine.os}, ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}, load average ${report.machine.loadAverageBefore[0]} → ${report.machine.loadAverageAfter[0]}; ${report.date}\n`)
  const busiest = Math.max(report.machine.loadAverageBefore[0]!, report.machine.loadAverageAfter[0]!)
  if (busiest > report.machine.cpus / 2) {
    console.log(`Note: other work was running (1-minute load average up to ${busiest} on ${report.machine.cpus} cores): absolute figures are low; compare ratios within this run.\n`)
  }
  console.log(table)
  console.log(`\n${durationSeconds} s in all; figures in ${out}`)
  if (Object.keys(failures).length > 0) process.exitCode = 1
}

function ratios () {
  const base = results.baseline?.load.reqPerSec.median
  return Object.fromEntries(kinds.map(kind => {
    const intakeRps = results.intake[kind]?.load.reqPerSec.median
    const raw = results.raw[kind]?.load.reqPerSec.median
    const cpu = { intake: results.intake[kind]?.cpuMsPerLead, raw: results.raw[kind]?.cpuMsPerRequest, base: results.baseline?.cpuMsPerRequest }
    return [kind, {
      intakeToBaseline: ratio(intakeRps, base),
      intakeToRawDriver: ratio(intakeRps, raw),
      rawDriverToBaseline: ratio(raw, base),
      // CPU per request the other way round: how many times the reference's cost.
      intakeCpuToRawDriverCpu: ratio(cpu.intake, cpu.raw),
      intakeCpuToBaselineCpu: ratio(cpu.intake, cpu.base)
    }]
  }))
}

function tableRows (): TableRow[] {
  const rows: TableRow[] = []
  const failed = (scenario: string, name: string) => {
    if (failures[name]) rows.push({ scenario, figure: '—', value: 'not measured', note: `failed: ${failures[name]!.slice(0, 200)}` })
  }
  const c = results.classification
  if (c) rows.push({ scenario: '6 classification alone', figure: 'µs per lead', value: formatSpread(c.medianMicros, 1), note: `${c.leads} development leads; p95 ${formatSpread(c.p95Micros, 1)} µs` })
  failed('6 classification alone', 'classification')

  const b = results.baseline
  if (b) {
    rows.push({ scenario: '1 baseline: Fastify + zod, no db', figure: 'req/s', value: formatSpread(b.load.reqPerSec), note: `p50 ${formatSpread(b.load.p50Ms)} ms; idle RSS ${b.idleRssMb} MB` })
    rows.push({ scenario: '1 baseline: Fastify + zod, no db', figure: 'p99 ms', value: formatSpread(b.load.p99Ms), note: errorsNote(b.load) })
    rows.push({ scenario: '1 baseline: Fastify + zod, no db', figure: 'server CPU ms / request', value: formatNumber(b.cpuMsPerRequest, 3) })
  }
  failed('1 baseline: Fastify + zod, no db', 'baseline (no database)')
  const base = b?.load.reqPerSec.median

  for (const kind of kinds) {
    const raw = results.raw[kind]
    const rawName = `2 raw ${kind === 'sqlite' ? 'better-sqlite3' : 'pg'}: lead + outbox tx`
    if (raw) {
      rows.push({ scenario: rawName, figure: 'req/s', value: formatSpread(raw.load.reqPerSec), against: `${percent(ratio(raw.load.reqPerSec.median, base))} of baseline`, note: `p99 ${formatSpread(raw.load.p99Ms)} ms; ${errorsNote(raw.load)}` })
    }
    if (raw) rows.push({ scenario: rawName, figure: 'server CPU ms / lead', value: formatNumber(raw.cpuMsPerRequest, 3), against: cpuAgainst(raw.cpuMsPerRequest, b?.cpuMsPerRequest) })
    failed(rawName, `raw driver path (${kind})`)

    const i = results.intake[kind]
    const name = `2 intake POST /api/leads (${kind})`
    if (i) {
      const toBase = ratio(i.load.reqPerSec.median, base)
      const toRaw = ratio(i.load.reqPerSec.median, raw?.load.reqPerSec.median)
      const goal = kind === 'sqlite' ? `goal ≥ 25% of baseline: ${percent(toBase)}` : `goal ≥ 50% of raw pg: ${percent(toRaw)}`
      rows.push({ scenario: name, figure: 'req/s', value: formatSpread(i.load.reqPerSec), against: goal, note: `${percent(toBase)} of baseline, ${percent(toRaw)} of raw driver` })
      rows.push({ scenario: name, figure: 'p99 ms', value: formatSpread(i.load.p99Ms), against: 'goal ≤ 50 ms', note: `p50 ${formatSpread(i.load.p50Ms)} ms` })
      rows.push({ scenario: name, figure: 'errors / non-2xx', value: `${i.load.errors} / ${i.load.non2xx}`, against: 'goal 0 / 0', note: statusNote(i.load.statusCounts) })
      const k = i.check
      rows.push({
        scenario: name,
        figure: 'stored once + outbox',
        value: k.ok ? 'yes' : 'NO',
        against: 'goal: every accepted lead',
        note: `${k.accepted} answered 201, all ${k.acceptedIdsStored === k.accepted ? '' : 'NOT '}stored; ${k.leadsStored} stored (${k.storedUnanswered} cut off unanswered at run ends); ${k.storedTwice} twice; ${k.consultantJobs} consultant + ${k.ackJobs} ack jobs, missing ${k.missingConsultantJob}/${k.missingAckJob}; ${k.spam} taken for spam; ${k.classified} classified`
      })
      rows.push({ scenario: name, figure: 'service CPU ms / lead', value: formatNumber(i.cpuMsPerLead, 3), against: cpuAgainst(i.cpuMsPerLead, raw?.cpuMsPerRequest, 'raw driver'), note: 'user + system time of the service process (outbox worker included) per lead stored; less sensitive to other load than req/s' })
    }
    failed(name, `intake (${kind})`)

    const f = results.flood[kind]
    const floodName = `3 flood + genuine visitors (${kind})`
    if (f) {
      rows.push({ scenario: floodName, figure: 'genuine success', value: `${formatSpread({ ...f.genuineSuccess, median: f.genuineSuccess.median * 100, min: f.genuineSuccess.min * 100, max: f.genuineSuccess.max * 100 }, 2)} %`, against: 'goal ≥ 99.9%', note: `${f.genuine.requests} genuine requests at ${GENUINE_RATE}/s; ${statusNote(f.genuine.statusCounts)}; ${errorsNote(f.genuine)}` })
      rows.push({ scenario: floodName, figure: 'genuine p99 ms', value: formatSpread(f.genuine.p99Ms), against: 'goal ≤ 100 ms', note: `p50 ${formatSpread(f.genuine.p50Ms)} ms` })
      rows.push({ scenario: floodName, figure: 'flood req/s', value: formatSpread(f.flood.reqPerSec), note: `one address; ${statusNote(f.flood.statusCounts)}` })
      rows.push({ scenario: floodName, figure: 'service CPU µs / request', value: formatSpread(f.cpuUsPerRequest), note: 'flood and genuine together' })
      rows.push({
        scenario: floodName,
        figure: 'CPU µs per bot request',
        value: Object.entries(f.botCostUs).map(([k, v]) => `${k} ${v.cpuUsPerRequest}`).join(', '),
        note: 'each alone, honeypot and invalid from new addresses: ' + Object.entries(f.botCostUs).map(([k, v]) => `${k} ${v.reqPerSec} req/s (${statusNote(v.statuses)})`).join('; ')
      })
    }
    failed(floodName, `flood (${kind})`)

    const r = results.consultant[kind]
    const cName = (n: string) => `${n} (${kind})`
    if (r) {
      const over = `over ${formatNumber(r.seeded.leads, 0)} leads`
      const unavailable = (part: string, scenario: string) => {
        const why = r.unavailable[part] ?? r.unavailable.apiKey
        if (why) rows.push({ scenario, figure: '—', value: 'not measured', note: why })
      }
      if (r.list) {
        rows.push({ scenario: cName('4 list status=new, 50 newest'), figure: 'req/s', value: formatSpread(r.list.reqPerSec), against: 'goal ≥ 2,000', note: `${over}; ${r.list.rows} rows a page; ${errorsNote(r.list)}` })
        rows.push({ scenario: cName('4 list status=new, 50 newest'), figure: 'p99 ms', value: formatSpread(r.list.p99Ms), against: 'goal ≤ 20 ms', note: `p50 ${formatSpread(r.list.p50Ms)} ms` })
      } else unavailable('list', cName('4 list status=new, 50 newest'))
      if (r.search) {
        rows.push({ scenario: cName('4 search q=casablanca&sector=finance'), figure: 'req/s', value: formatSpread(r.search.reqPerSec), note: `${over}; ${r.search.rows} rows; ${errorsNote(r.search)}` })
        rows.push({ scenario: cName('4 search q=casablanca&sector=finance'), figure: 'p99 ms', value: formatSpread(r.search.p99Ms), note: `p50 ${formatSpread(r.search.p50Ms)} ms` })
      } else unavailable('search', cName('4 search q=casablanca&sector=finance'))
      if (r.export) {
        const last = r.export.runs[r.export.runs.length - 1]!
        rows.push({ scenario: cName('5 CSV export, every lead'), figure: 'seconds', value: formatSpread(r.export.seconds, 2), note: `${last.rows} rows, ${last.megabytes} MB; ${r.export.runs.length} run(s)` })
        rows.push({ scenario: cName('5 CSV export, every lead'), figure: 'peak RSS growth MB', value: formatSpread(r.export.rssGrowthMb, 1), against: 'goal: flat', note: `RSS ${last.rssStartMb} → peak ${last.rssPeakMb} → ${last.rssEndMb} MB (last run)` })
      } else unavailable('export', cName('5 CSV export, every lead'))
      rows.push({ scenario: cName('7 process'), figure: 'idle RSS MB', value: formatSpread(r.idleRssMb, 1), against: 'goal ≤ 120 MB', note: `1 s after ready, ${over}` })
      const underLoad = results.intake[kind]?.loadRssMb
      if (underLoad !== undefined) rows.push({ scenario: cName('7 process'), figure: 'RSS under load MB', value: formatNumber(underLoad, 1), note: 'peak during the intake runs' })
      rows.push({ scenario: cName('7 process'), figure: 'start → ready ms', value: formatSpread(r.coldStartMs), against: 'goal ≤ 2,000 ms', note: `migrated database ${over}` })
      // Every scenario's service starts once on an empty database: those are the first starts.
      const firstStarts = [results.intake[kind]?.firstStartMs, results.flood[kind]?.firstStartMs, r.firstStartMs].filter((ms): ms is number => ms !== undefined)
      rows.push({ scenario: cName('7 process'), figure: 'first start → ready ms', value: formatSpread(spread(firstStarts)), note: `empty database: applies the migrations (${firstStarts.length} starts); seeding took ${r.seeded.seconds} s` })
    }
    failed(cName('4/5/7 consultant + process'), `list, search, export, starts (${kind})`)
  }
  return rows
}

function cpuAgainst (ms: number, reference: number | undefined, name = 'baseline'): string {
  return reference === undefined ? '' : `${formatNumber(ms / reference, 1)}× ${name}`
}

function errorsNote (m: { errors: number, timeouts: number, non2xx: number }): string {
  return `${m.errors} errors, ${m.timeouts} timeouts, ${m.non2xx} non-2xx`
}

function statusNote (counts: Record<string, number>): string {
  return Object.entries(counts).map(([s, n]) => `${s}×${n}`).join(' ')
}

main().catch(async err => {
  console.error('bench: failed:', err)
  killAll()
  await dropAll()
  process.exit(1)
})
