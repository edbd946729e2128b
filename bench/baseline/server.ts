import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import Database from 'better-sqlite3'
import pg from 'pg'
import { leadCreatedSchema, leadInputSchema } from '../../src/leads/schema.ts'
import { encode, insertSql, leadRows, type LeadRows, type Row } from '../lib/rows.ts'
import type { LeadBody } from '../lib/leads.ts'

// The references the intake is compared with, measured in the same run: Fastify + the intake's own
// zod body schema, answering 201 with no database (BENCH_STORE=none), or after writing the lead and
// its outbox rows in one transaction straight through the driver (sqlite: better-sqlite3 with the
// service's pragmas; postgres: a pg pool of the service's size). Run as a child process, like the service.

type Store = (rows: LeadRows) => Promise<void> | void

const TABLES = [['Lead', 'lead'], ['EmailJob', 'jobs'], ['LeadEvent', 'events'], ['LeadCapability', 'capabilities']] as const

function tableRows (rows: LeadRows): Array<[table: string, list: Row[]]> {
  return TABLES.map(([table, key]) => [table, key === 'lead' ? [rows.lead] : rows[key]] as [string, Row[]]).filter(([, list]) => list.length > 0)
}

function sqliteStore (url: string): Store {
  const db = new Database(url.slice('file:'.length))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  const statements = new Map<string, Database.Statement>()
  const insert = (table: string, row: Row) => {
    const columns = Object.keys(row)
    const key = `${table}:${columns.join(',')}`
    let statement = statements.get(key)
    if (!statement) {
      statement = db.prepare(insertSql(table, columns).replace(/\$\d+/g, '?'))
      statements.set(key, statement)
    }
    statement.run(...columns.map(c => encode('sqlite', row[c]!)))
  }
  const write = db.transaction((rows: LeadRows) => {
    for (const [table, list] of tableRows(rows)) for (const row of list) insert(table, row)
  })
  return rows => { write(rows) }
}

function postgresStore (url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  return async rows => {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      for (const [table, list] of tableRows(rows)) {
        const columns = Object.keys(list[0]!)
        await client.query(insertSql(table, columns, list.length), list.flatMap(row => columns.map(c => encode('postgres', row[c]!))))
      }
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }
}

const mode = process.env.BENCH_STORE ?? 'none'
const url = process.env.DATABASE_URL ?? ''
const store: Store | undefined = mode === 'sqlite' ? sqliteStore(url) : mode === 'postgres' ? postgresStore(url) : undefined

const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>()
app.setValidatorCompiler(validatorCompiler)
app.setSerializerCompiler(serializerCompiler)
app.get('/ready', async () => ({ status: 'ready' }))
app.post('/api/leads', { schema: { body: leadInputSchema, response: { 201: leadCreatedSchema } } }, async (request, reply) => {
  if (!store) return reply.code(201).send({ id: randomUUID(), duplicate: false })
  const rows = leadRows(request.body as LeadBody, new Date())
  await store(rows)
  return reply.code(201).send({ id: rows.lead.id as string, duplicate: false })
})

const close = () => { app.close().then(() => process.exit(0), () => process.exit(1)) }
process.once('SIGTERM', close)
process.once('SIGINT', close)
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
