import type { Context } from '../lib/context.ts'
import { freshDatabase, openRaw, schemaSql, type Kind } from '../lib/databases.ts'
import { leadGenerator } from '../lib/leads.ts'
import { measure, postLeads, type Measured } from '../lib/load.ts'
import { cpuMs, rssMb } from '../lib/processes.ts'
import { startBaseline } from '../lib/service.ts'
import { round } from '../lib/stats.ts'

// The references of scenario 1 and 2, measured in the same run as the intake: the bare Fastify +
// zod POST with no database, and the same with the lead and its outbox rows written in one
// transaction straight through the driver, on the service's own tables and indexes.

export interface ReferenceResult {
  store: 'none' | Kind
  load: Measured
  /** Server CPU time (user + system) per request handled, warm-up included. */
  cpuMsPerRequest: number
  idleRssMb: number | undefined
  storedLeads?: number
}

export async function referencePath (ctx: Context, store: 'none' | Kind): Promise<ReferenceResult> {
  const db = store === 'none' ? undefined : await freshDatabase(store, ctx.postgresUrl, `raw-${store}`)
  try {
    if (db) {
      const raw = await openRaw(db.kind, db.url)
      try { await raw.exec(schemaSql(db.kind)) } finally { await raw.close() }
    }
    const child = await startBaseline(store, db?.url)
    try {
      await new Promise(resolve => setTimeout(resolve, 500))
      const idleRssMb = rssMb(child.pid)
      const cpuAtStart = cpuMs(child.pid)
      const next = leadGenerator(`r${store[0]}`, 3)
      const load = await measure(postLeads(child.baseUrl, { connections: ctx.profile.connections, body: () => JSON.stringify(next().body) }), ctx.profile)
      await new Promise(resolve => setTimeout(resolve, 500))
      const cpu = cpuMs(child.pid) - cpuAtStart
      await child.stop()
      let storedLeads: number | undefined
      if (db) {
        const raw = await openRaw(db.kind, db.url)
        try { storedLeads = await raw.count('SELECT COUNT(*) FROM "Lead"') } finally { await raw.close() }
      }
      // Per lead stored when there is a database (requests cut off at the end of a run still count there).
      const handled = storedLeads ?? load.requests + (load.warmupRequests ?? 0)
      return { store, load, cpuMsPerRequest: round(cpu / Math.max(1, handled), 3), idleRssMb: idleRssMb === undefined ? undefined : round(idleRssMb), ...(storedLeads === undefined ? {} : { storedLeads }) }
    } finally {
      await child.stop()
    }
  } finally {
    await db?.drop()
  }
}
