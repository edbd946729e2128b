import autocannon from 'autocannon'
import { spread, type Spread } from './stats.ts'

// Load with autocannon, used programmatically: a warm-up whose figures are thrown away (Prisma runs
// at about half speed for its first seconds), then several timed runs, each figure reported as the
// median of the runs with their min and max.

export interface Profile {
  name: 'full' | 'quick'
  warmupSeconds: number
  runs: number
  runSeconds: number
  connections: number
  seedLeads: number
  startRuns: number
  exportRuns: number
}

export const PROFILES: Record<Profile['name'], Profile> = {
  full: { name: 'full', warmupSeconds: 3, runs: 3, runSeconds: 5, connections: 50, seedLeads: 100_000, startRuns: 3, exportRuns: 3 },
  quick: { name: 'quick', warmupSeconds: 2, runs: 1, runSeconds: 3, connections: 50, seedLeads: 20_000, startRuns: 1, exportRuns: 1 }
}

export type Target = Omit<autocannon.Options, 'duration' | 'amount'>

export interface Measured {
  reqPerSec: Spread
  p50Ms: Spread
  p99Ms: Spread
  /** Summed over the timed runs (the warm-up is not counted). */
  requests: number
  errors: number
  timeouts: number
  non2xx: number
  statusCounts: Record<string, number>
  /** Answered during the warm-up (not in the figures). */
  warmupRequests?: number
}

export async function fire (target: Target, seconds: number): Promise<autocannon.Result> {
  // The request timeout bounds every request; autocannon stops by itself after `duration`.
  return autocannon({ timeout: 10, ...target, duration: seconds })
}

/** Warm-up, then `runs` timed runs of the same target; the hooks run around each timed run (for sampling). */
export async function measure (target: Target, profile: Profile, hooks: { beforeRun?: () => void, afterRun?: () => void } = {}): Promise<Measured> {
  const warmup = profile.warmupSeconds > 0 ? await fire(target, profile.warmupSeconds) : undefined
  const results: autocannon.Result[] = []
  for (let i = 0; i < profile.runs; i++) {
    hooks.beforeRun?.()
    results.push(await fire(target, profile.runSeconds))
    hooks.afterRun?.()
  }
  return { ...summarise(results), warmupRequests: warmup?.requests.total ?? 0 }
}

export function summarise (results: autocannon.Result[]): Measured {
  const statusCounts: Record<string, number> = {}
  for (const r of results) {
    for (const [status, { count }] of Object.entries(r.statusCodeStats ?? {})) statusCounts[status] = (statusCounts[status] ?? 0) + Number(count)
  }
  return {
    reqPerSec: spread(results.map(r => r.requests.average)),
    p50Ms: spread(results.map(r => r.latency.p50)),
    p99Ms: spread(results.map(r => r.latency.p99)),
    requests: results.reduce((n, r) => n + r.requests.total, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    statusCounts
  }
}

export interface PostOptions {
  connections: number
  /** A new body for every request. */
  body: () => string
  /** Extra headers for every request (e.g. a client address behind the proxy). */
  headers?: () => Record<string, string>
  onResponse?: (status: number, body: string) => void
  overallRate?: number
}

/** POST /api/leads with a body made per request. */
export function postLeads (baseUrl: string, { connections, body, headers, onResponse, overallRate }: PostOptions): Target {
  return {
    url: `${baseUrl}/api/leads`,
    connections,
    ...(overallRate ? { overallRate } : {}),
    requests: [{
      method: 'POST',
      setupRequest: request => {
        // The body first: headers() may depend on the body just made.
        const text = body()
        return {
          ...request,
          method: 'POST',
          path: '/api/leads',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'leadline-bench', ...headers?.() },
          body: text
        }
      },
      ...(onResponse ? { onResponse: (status: number, text: string) => onResponse(status, text) } : {})
    }]
  }
}
