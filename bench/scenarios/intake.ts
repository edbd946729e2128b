import type { Context } from '../lib/context.ts'
import { freshDatabase, openRaw, type Kind } from '../lib/databases.ts'
import { leadGenerator } from '../lib/leads.ts'
import { measure, postLeads, type Measured } from '../lib/load.ts'
import { cpuMs, rssMb, sampleRss } from '../lib/processes.ts'
import { startService } from '../lib/service.ts'
import { round } from '../lib/stats.ts'

// Scenario 2: POST /api/leads on the real service with varied, unique leads at full speed, then a
// check that every lead the service accepted is stored exactly once with its outbox rows.

export interface IntakeCheck {
  /** 201 answers, over the warm-up and the timed runs. */
  accepted: number
  /** Distinct ids among them, and how many of those are stored. */
  acceptedIds: number
  acceptedIdsStored: number
  /** 200 answers: a duplicate, which unique leads should never get. */
  duplicatesAnswered: number
  leadsStored: number
  /**
   * Leads stored whose answer the load generator never read: at the end of each run autocannon
   * drops the requests still in flight, at most one per connection.
   */
  storedUnanswered: number
  /** Leads stored more than once (every generated lead has its own address). */
  storedTwice: number
  /** Leads the classifier took for spam: stored, without e-mails. */
  spam: number
  /** Non-spam leads without exactly one consultant job or one acknowledgement job; spam leads with a job. */
  missingConsultantJob: number
  missingAckJob: number
  spamWithJobs: number
  consultantJobs: number
  ackJobs: number
  /** Leads stored with a classifier version (the service classifies at intake). */
  classified: number
  ok: boolean
}

export interface IntakeResult {
  kind: Kind
  load: Measured
  check: IntakeCheck
  /** Service CPU time (user + system) from the warm-up to the end, per lead stored. */
  cpuMsPerLead: number
  idleRssMb: number | undefined
  loadRssMb: number
  firstStartMs: number
}

export async function intake (ctx: Context, kind: Kind): Promise<IntakeResult> {
  const db = await freshDatabase(kind, ctx.postgresUrl, 'intake')
  try {
    const service = await startService(db)
    let cpuAtStart = 0
    let cpuAtEnd = 0
    let peakRss = 0
    const accepted: string[] = []
    let duplicatesAnswered = 0
    let load: Measured
    let idleRssMb: number | undefined
    try {
      await new Promise(resolve => setTimeout(resolve, 1000))
      idleRssMb = rssMb(service.pid)
      cpuAtStart = cpuMs(service.pid)
      const next = leadGenerator(`i${kind[0]}`, 5)
      let sampler: ReturnType<typeof sampleRss> | undefined
      load = await measure(postLeads(service.baseUrl, {
        connections: ctx.profile.connections,
        body: () => JSON.stringify(next().body),
        onResponse: (status, text) => {
          if (status === 201) accepted.push((JSON.parse(text) as { id: string }).id)
          else if (status === 200) duplicatesAnswered++
        }
      }), ctx.profile, {
        beforeRun: () => { sampler = sampleRss(service.pid) },
        afterRun: () => { peakRss = Math.max(peakRss, sampler!.stop().peakMb) }
      })
      // Requests cut off at the end of a run are still processed: let them finish before reading the CPU.
      await new Promise(resolve => setTimeout(resolve, 1000))
      cpuAtEnd = cpuMs(service.pid)
    } finally {
      // Stopped before the check: the answer to every request was sent, nothing is left in flight.
      await service.stop()
    }
    // At most one request per connection is cut off at the end of the warm-up and of each run.
    const check = await verify(kind, db.url, accepted, duplicatesAnswered, ctx.profile.connections * (ctx.profile.runs + 1))
    return {
      kind,
      load,
      check,
      cpuMsPerLead: round((cpuAtEnd - cpuAtStart) / Math.max(1, check.leadsStored), 3),
      idleRssMb: idleRssMb === undefined ? undefined : round(idleRssMb),
      loadRssMb: round(peakRss),
      firstStartMs: round(service.readyMs, 0)
    }
  } finally {
    await db.drop()
  }
}

async function verify (kind: Kind, url: string, accepted: string[], duplicatesAnswered: number, maxUnanswered: number): Promise<IntakeCheck> {
  const raw = await openRaw(kind, url)
  try {
    const ids = [...new Set(accepted)]
    const inIds = kind === 'sqlite' ? 'IN (SELECT value FROM json_each($1))' : '= ANY($1::text[])'
    const jobs = (jobKind: string) => `(SELECT COUNT(*) FROM "EmailJob" j WHERE j."leadId" = l."id" AND j."kind" = '${jobKind}')`
    const leadsStored = await raw.count('SELECT COUNT(*) FROM "Lead"')
    const check = {
      accepted: accepted.length,
      acceptedIds: ids.length,
      acceptedIdsStored: await raw.count(`SELECT COUNT(*) FROM "Lead" WHERE "id" ${inIds}`, [kind === 'sqlite' ? JSON.stringify(ids) : ids]),
      duplicatesAnswered,
      leadsStored,
      storedUnanswered: leadsStored - accepted.length,
      storedTwice: await raw.count('SELECT COUNT(*) - COUNT(DISTINCT "email") FROM "Lead"'),
      spam: await raw.count('SELECT COUNT(*) FROM "Lead" WHERE "spam" = true'),
      missingConsultantJob: await raw.count(`SELECT COUNT(*) FROM "Lead" l WHERE l."spam" = false AND ${jobs('consultant')} <> 1`),
      missingAckJob: await raw.count(`SELECT COUNT(*) FROM "Lead" l WHERE l."spam" = false AND ${jobs('ack')} <> 1`),
      spamWithJobs: await raw.count('SELECT COUNT(*) FROM "Lead" l WHERE l."spam" = true AND EXISTS (SELECT 1 FROM "EmailJob" j WHERE j."leadId" = l."id")'),
      consultantJobs: await raw.count('SELECT COUNT(*) FROM "EmailJob" WHERE "kind" = \'consultant\''),
      ackJobs: await raw.count('SELECT COUNT(*) FROM "EmailJob" WHERE "kind" = \'ack\''),
      classified: await raw.count('SELECT COUNT(*) FROM "Lead" WHERE "classifierVersion" IS NOT NULL')
    }
    const ok = check.acceptedIds === check.accepted && check.acceptedIdsStored === check.accepted &&
      check.duplicatesAnswered === 0 && check.storedTwice === 0 &&
      check.storedUnanswered >= 0 && check.storedUnanswered <= maxUnanswered &&
      check.missingConsultantJob === 0 && check.missingAckJob === 0 && check.spamWithJobs === 0
    return { ...check, ok }
  } finally {
    await raw.close()
  }
}
