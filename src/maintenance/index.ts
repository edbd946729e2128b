import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import { applyRetention, type RetentionResult } from '../retention/index.ts'

// Housekeeping that runs beside the outbox worker (in `npm start`, or in `npm run worker`): the
// retention policy, and forgetting Idempotency-Keys once a client can no longer be retrying.

const HOUR_MS = 3_600_000
/** As long as Stripe keeps its keys: a client retrying later than this is sending a new request. */
const IDEMPOTENCY_KEY_TTL_MS = 24 * HOUR_MS
const FIRST_RUN_DELAY_MS = 60_000

export interface MaintenanceResult extends RetentionResult { idempotencyKeys: number }

export interface MaintenanceDeps {
  db: Pick<Database, 'prisma'>
  config: Pick<Config, 'retention'>
  log: { info: (obj: object, msg: string) => void, error: (obj: object, msg: string) => void }
  clock?: () => Date
  intervalMs?: number
}

export function createMaintenance ({ db, config, log, clock = () => new Date(), intervalMs = HOUR_MS }: MaintenanceDeps) {
  let timer: NodeJS.Timeout | undefined
  let first: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined

  async function runOnce (): Promise<MaintenanceResult> {
    const now = clock()
    const erased = await applyRetention(db, config.retention, now)
    const { count } = await db.prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS) } } })
    const result = { ...erased, idempotencyKeys: count }
    if (erased.spam + erased.inactive + count > 0) log.info(result, 'maintenance: retention applied, old idempotency keys forgotten')
    return result
  }

  function tick (): void {
    running = runOnce().catch(err => log.error({ err }, 'maintenance failed; trying again at the next run'))
      .finally(() => { running = undefined })
  }

  return {
    runOnce,
    /** Runs a minute after start (never in the way of start-up), then every hour, until stop(). */
    start (): void {
      first = setTimeout(tick, FIRST_RUN_DELAY_MS)
      first.unref()
      timer = setInterval(tick, intervalMs)
      timer.unref()
    },
    async stop (): Promise<void> {
      clearTimeout(first)
      clearInterval(timer)
      await running
    }
  }
}
