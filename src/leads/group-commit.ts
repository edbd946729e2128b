/**
 * Group commit: submissions that arrive while a transaction is being written wait and are written
 * together in the next one, so the per-transaction cost (Prisma's query layer, the commit and its
 * fsync) is paid once per batch instead of once per request. Under light load a submission is
 * written at once, alone: no timer, only one turn of the event loop. Each caller is answered only after the
 * transaction holding its submission has committed.
 */

export type Settled<R> = { ok: true, value: R } | { ok: false, error: unknown }

export interface GroupCommitOptions {
  /** The most submissions one transaction holds. */
  maxBatch: number
  /** How many transactions may be written at once (1 for SQLite: one writer at a time). */
  concurrency: number
}

export function createGroupCommit<I, R> (write: (items: I[]) => Promise<Array<Settled<R>>>, { maxBatch, concurrency }: GroupCommitOptions) {
  const queue: Array<{ item: I, resolve: (r: R) => void, reject: (e: unknown) => void }> = []
  let running = 0

  async function run (): Promise<void> {
    running++
    try {
      while (queue.length > 0) {
        // Let the event loop take in what has arrived before the batch is cut: a transaction on
        // a synchronous driver (better-sqlite3) runs on microtasks alone, and without this turn no
        // request could ever reach the queue while one is being written.
        await new Promise(resolve => setImmediate(resolve))
        const batch = queue.splice(0, maxBatch)
        let results: Array<Settled<R>>
        try {
          results = await write(batch.map(b => b.item))
        } catch (error) {
          results = batch.map(() => ({ ok: false, error }))
        }
        batch.forEach((b, i) => {
          const r = results[i]!
          if (r.ok) b.resolve(r.value)
          else b.reject(r.error)
        })
      }
    } finally {
      running--
    }
  }

  return {
    submit (item: I): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject })
        if (running < concurrency) void run()
      })
    }
  }
}
