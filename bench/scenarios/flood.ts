import autocannon from 'autocannon'
import type { Context } from '../lib/context.ts'
import { freshDatabase, type Kind } from '../lib/databases.ts'
import { botBodies, leadGenerator } from '../lib/leads.ts'
import { fire, postLeads, summarise, type Measured } from '../lib/load.ts'
import { cpuMs } from '../lib/processes.ts'
import { startService } from '../lib/service.ts'
import { round, spread, type Spread } from '../lib/stats.ts'

// Scenario 3: one bot client floods POST /api/leads as fast as it can (honeypot-filled forms and
// invalid bodies, from one address: past the first few, all over the rate limit) while genuine
// visitors, each from an address of its own, post at a steady rate. The service runs with its normal
// rate limit (10 a minute per client) behind a proxy (TRUST_PROXY=true, X-Forwarded-For). Before that,
// each kind of bot request runs alone for its cost in service CPU: over the limit (one address), and
// honeypot or invalid from ever-new addresses (a botnet: they get past the limit, so cost validation
// and, for the honeypot, a stored spam lead). Addresses come from the benchmarking range (RFC 2544).

export const FLOOD_CONNECTIONS = 20
export const GENUINE_CONNECTIONS = 10
export const GENUINE_RATE = 20
const RATE_LIMIT_MAX = 10

type BotKind = 'over_limit' | 'honeypot' | 'invalid'
const BOT_KINDS: BotKind[] = ['over_limit', 'honeypot', 'invalid']

export interface FloodResult {
  kind: Kind
  genuine: Measured
  /** 2xx share of genuine requests (errors and timeouts count as failures). */
  genuineSuccess: Spread
  flood: Measured
  /** Service CPU per request (flood and genuine together) during the combined runs. */
  cpuUsPerRequest: Spread
  /** Service CPU per request of each kind of bot request alone (one short run each; honeypot and invalid from a botnet). */
  /** Start to ready of this service's first start (it applies the migrations). */
  firstStartMs: number
  botCostUs: Record<BotKind, { cpuUsPerRequest: number, reqPerSec: number, statuses: Record<string, number> }>
}

function addressCounter (prefix: string): () => string {
  let n = 0
  return () => { n++; return `${prefix}.${(n >> 8) & 255}.${n & 255}` }
}

const BOT_ADDRESS = '198.18.255.254'

/** Bot requests cycling through `kinds`; from BOT_ADDRESS, or (botnet) from a new address each but over_limit. */
function botTarget (baseUrl: string, kinds: BotKind[], botnet: boolean) {
  const bodies = botBodies('f')
  const fresh = addressCounter('198.19')
  let i = 0
  let address = ''
  return postLeads(baseUrl, {
    connections: FLOOD_CONNECTIONS,
    // headers() runs after body(): both belong to the same request.
    body: () => {
      const kind = kinds[i++ % kinds.length]!
      address = botnet && kind !== 'over_limit' ? fresh() : BOT_ADDRESS
      return kind === 'invalid' ? bodies.invalid() : bodies.honeypot()
    },
    headers: () => ({ 'x-forwarded-for': address })
  })
}

export async function flood (ctx: Context, kind: Kind): Promise<FloodResult> {
  const db = await freshDatabase(kind, ctx.postgresUrl, 'flood')
  try {
    const service = await startService(db, { RATE_LIMIT_MAX: String(RATE_LIMIT_MAX), RATE_LIMIT_WINDOW: '60', TRUST_PROXY: 'true' })
    try {
      const { profile } = ctx
      const next = leadGenerator(`g${kind[0]}`, 9)
      const visitor = addressCounter('198.18')
      const genuineTarget = () => postLeads(service.baseUrl, {
        connections: GENUINE_CONNECTIONS,
        overallRate: GENUINE_RATE,
        body: () => JSON.stringify(next().body),
        headers: () => ({ 'x-forwarded-for': visitor() })
      })

      // Warm-up with both, then each kind of bot request alone, for its cost.
      await Promise.all([fire(genuineTarget(), profile.warmupSeconds), fire(botTarget(service.baseUrl, ['honeypot', 'invalid'], false), profile.warmupSeconds)])
      const botCostUs = {} as FloodResult['botCostUs']
      const aloneSeconds = Math.max(1, Math.min(3, profile.runSeconds))
      for (const botKind of BOT_KINDS) {
        const before = cpuMs(service.pid)
        const r = await fire(botTarget(service.baseUrl, [botKind], true), aloneSeconds)
        const used = cpuMs(service.pid) - before
        botCostUs[botKind] = {
          cpuUsPerRequest: round(used * 1000 / Math.max(1, r.requests.total), 0),
          reqPerSec: round(r.requests.average, 0),
          statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([s, { count }]) => [s, Number(count)]))
        }
      }

      const genuineRuns: autocannon.Result[] = []
      const floodRuns: autocannon.Result[] = []
      const cpuPerRequest: number[] = []
      for (let run = 0; run < profile.runs; run++) {
        const before = cpuMs(service.pid)
        const [g, f] = await Promise.all([fire(genuineTarget(), profile.runSeconds), fire(botTarget(service.baseUrl, ['honeypot', 'invalid'], false), profile.runSeconds)])
        cpuPerRequest.push(round((cpuMs(service.pid) - before) * 1000 / Math.max(1, g.requests.total + f.requests.total), 0))
        genuineRuns.push(g)
        floodRuns.push(f)
      }
      const success = genuineRuns.map(r => r['2xx'] / Math.max(1, r.requests.total + r.errors))
      return { kind, genuine: summarise(genuineRuns), genuineSuccess: spread(success), flood: summarise(floodRuns), cpuUsPerRequest: spread(cpuPerRequest), botCostUs, firstStartMs: round(service.readyMs, 0) }
    } finally {
      await service.stop()
    }
  } finally {
    await db.drop()
  }
}
