import Database from 'better-sqlite3'
import pg from 'pg'
import type { Kind } from './databases.ts'
import { mulberry32 } from '../../src/classification/linear.ts'
import { leadGenerator } from './leads.ts'
import { encode, insertSql, leadRows, type Classified, type Row } from './rows.ts'

// Years of leads written straight into a migrated database, in bulk (the service is stopped):
// statuses across the pipeline, about one in ten spam, creation dates spread over four years, classification
// fields filled from the development set's labels, a timeline event and capabilities per lead.

const YEARS = 4
const DAY_MS = 86_400_000
/** Inside the default retention periods (30 days for spam, 3 years of inactivity for other leads). */
const SPAM_DAYS = 25
const ACTIVE_DAYS = 2 * 365
const BATCH = 500
const STATUS_WEIGHTS: Array<[string, number]> = [['new', 25], ['contacted', 20], ['qualified', 12], ['proposal', 8], ['won', 6], ['lost', 20], ['archived', 9]]
const SPAM_SHARE = 0.1

interface Writer { insert: (table: string, rows: Row[]) => Promise<void>, close: () => Promise<void> }

function sqliteWriter (url: string): Writer {
  const db = new Database(url.slice('file:'.length))
  db.pragma('journal_mode = WAL')
  // Set-up, not measurement: nothing here needs to survive a power cut.
  db.pragma('synchronous = OFF')
  const statements = new Map<string, Database.Statement>()
  const write = db.transaction((table: string, rows: Row[]) => {
    const columns = Object.keys(rows[0]!)
    let statement = statements.get(table)
    if (!statement) {
      statement = db.prepare(insertSql(table, columns).replace(/\$\d+/g, '?'))
      statements.set(table, statement)
    }
    for (const row of rows) statement.run(...columns.map(c => encode('sqlite', row[c]!)))
  })
  return { insert: async (table, rows) => { write(table, rows) }, close: async () => { db.close() } }
}

async function postgresWriter (url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    insert: async (table, rows) => {
      const columns = Object.keys(rows[0]!)
      await client.query(insertSql(table, columns, rows.length), rows.flatMap(row => columns.map(c => encode('postgres', row[c]!))))
    },
    close: async () => {
      // What autovacuum would have done long before a real database held years of leads.
      await client.query('ANALYZE')
      await client.end()
    }
  }
}

export async function seedLeads (kind: Kind, url: string, count: number, now = new Date()): Promise<{ leads: number, ms: number }> {
  const started = performance.now()
  const writer = kind === 'sqlite' ? sqliteWriter(url) : await postgresWriter(url)
  const next = leadGenerator('s', 42)
  const random = mulberry32(4242)
  const totalWeight = STATUS_WEIGHTS.reduce((n, [, w]) => n + w, 0)
  const status = (): string => {
    let x = random() * totalWeight
    for (const [s, w] of STATUS_WEIGHTS) { x -= w; if (x < 0) return s }
    return 'new'
  }
  try {
    for (let done = 0; done < count; done += BATCH) {
      const leads: Row[] = []; const capabilities: Row[] = []; const events: Row[] = []
      for (let i = done; i < Math.min(count, done + BATCH); i++) {
        const { body, item } = next()
        const labels = item.labels!
        const spam = random() < SPAM_SHARE
        // Steady state under the default retention policy, which the service applies at start-up
        // (src/maintenance): spam older than RETENTION_SPAM_DAYS and leads inactive for longer than
        // RETENTION_LEAD_DAYS would be erased already, so spam is recent and old leads saw activity since.
        const createdAt = new Date(now.getTime() - Math.floor(random() * (spam ? SPAM_DAYS : YEARS * 365) * DAY_MS))
        const lastActivityAt = new Date(Math.max(createdAt.getTime(), now.getTime() - Math.floor(random() * ACTIVE_DAYS * DAY_MS)))
        const classified: Classified = {
          status: spam ? 'spam' : status(),
          projectType: labels.projectType,
          sector: labels.sector,
          language: labels.language,
          capabilities: labels.capabilities,
          spam,
          spamScore: spam ? 0.9 : 0.05,
          score: spam ? 0 : Math.floor(random() * 101),
          classifierVersion: 'bench-seed'
        }
        const rows = leadRows(body, createdAt, classified, false)
        rows.lead.lastActivityAt = lastActivityAt
        leads.push(rows.lead); capabilities.push(...rows.capabilities); events.push(...rows.events)
      }
      await writer.insert('Lead', leads)
      if (capabilities.length > 0) await writer.insert('LeadCapability', capabilities)
      await writer.insert('LeadEvent', events)
    }
  } finally {
    await writer.close()
  }
  return { leads: count, ms: performance.now() - started }
}
