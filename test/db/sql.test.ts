import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { isDatabaseError, isUniqueViolation } from '../../src/db/errors.ts'
import { insertMany } from '../../src/db/insert-many.ts'
import { numberPlaceholders, placeholders, SqlError, toBoolean, toDate } from '../../src/db/sql.ts'
import type { DatabaseKind } from '../../src/db/url.ts'
import { freshDatabase, testDatabases } from '../helpers/databases.ts'

// The hot paths write and read through db.sql, everything else through Prisma: both must agree on
// how each value is stored, or Prisma's filters and the plain-SQL reads would miss each other's rows.

async function open (t: Test, kind: DatabaseKind): Promise<Database> {
  const database = await freshDatabase(kind)
  const db = await openDatabase({ url: database.url, poolSize: 4 })
  t.teardown(async () => {
    await db.close()
    await database.drop()
  })
  return db
}

/** A lead's values of every kind Prisma maps: DateTime with milliseconds, Boolean, Int, Float, String and nulls. */
function leadValues (id: string) {
  return {
    id,
    createdAt: new Date('2026-11-29T10:00:00.123Z'),
    updatedAt: new Date('2026-11-29T10:00:01.456Z'),
    version: 3,
    status: 'qualified',
    fullName: 'Zoë O\'Brien — مريم',
    email: `${id}@example.ma`,
    projectTypeRaw: null,
    details: 'Line one\nline "two" ? with a question mark',
    company: null,
    phone: null,
    locale: 'fr',
    consent: true,
    consentAt: new Date('2026-11-29T09:59:59.999Z'),
    consentVersion: '2026-01',
    pageUrl: null,
    referrer: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    ipHash: null,
    userAgent: null,
    searchText: 'zoe o\'brien',
    dedupeKey: null,
    projectType: null,
    sector: null,
    language: null,
    spam: false,
    spamScore: 0.125,
    score: 87,
    classifierVersion: null,
    classification: null,
    lostReason: null,
    tags: '["a","b"]',
    assignee: null,
    firstContactedAt: null,
    lastActivityAt: new Date('2026-01-01T00:00:00.000Z'),
    erasedAt: null
  }
}

const apiKey = (id: string, hash = `hash-${id}`) => ({ id, name: `key ${id}`, prefix: 'll_abcdef', hash, createdAt: new Date('2026-11-29T10:00:00.123Z'), lastUsedAt: null, revokedAt: null })
const insertKey = 'INSERT INTO "ApiKey" ("id", "name", "prefix", "hash", "createdAt", "lastUsedAt", "revokedAt") VALUES (?, ?, ?, ?, ?, ?, ?)'
const keyParams = (k: ReturnType<typeof apiKey>) => [k.id, k.name, k.prefix, k.hash, k.createdAt, k.lastUsedAt, k.revokedAt]
const storedKeys = async (db: Database) => (await db.prisma.apiKey.findMany({ orderBy: { id: 'asc' } })).map(k => k.id)

t.test('numberPlaceholders numbers each ? in order, for PostgreSQL', async t => {
  t.equal(numberPlaceholders('? ?'), '$1 $2')
  t.equal(numberPlaceholders('SELECT * FROM "Lead" WHERE "id" IN (?,?,?) AND "spam" = ?'), 'SELECT * FROM "Lead" WHERE "id" IN ($1,$2,$3) AND "spam" = $4')
  t.equal(numberPlaceholders('SELECT 1'), 'SELECT 1', 'a statement without parameters is unchanged')
})

t.test('placeholders gives one ? per value', async t => {
  t.equal(placeholders(['a', 'b', 'c']), '?,?,?')
  t.equal(placeholders([1]), '?')
})

t.test('toDate reads every form the drivers return a timestamp in', async t => {
  const instant = new Date('2026-11-29T10:00:00.123Z')
  const cases: Array<[string, unknown]> = [
    ['a Date', instant],
    ['ISO text with Z', '2026-11-29T10:00:00.123Z'],
    ['ISO text with +00:00 (how SQLite stores it)', '2026-11-29T10:00:00.123+00:00'],
    ['ISO text with another offset', '2026-11-29T12:00:00.123+02:00'],
    ['PostgreSQL\'s bare "timestamp without time zone" text, read as UTC', '2026-11-29 10:00:00.123'],
    ['milliseconds since the epoch', instant.getTime()],
    ['milliseconds as a bigint', BigInt(instant.getTime())]
  ]
  for (const [what, value] of cases) {
    const date = toDate(value)
    t.ok(date instanceof Date, `${what}: a Date`)
    t.equal(date.getTime(), instant.getTime(), `${what}: the same instant`)
  }
  t.equal(toDate('2026-11-29 10:00:00').toISOString(), '2026-11-29T10:00:00.000Z', 'bare text without fraction')
})

t.test('toBoolean reads the forms the drivers return a boolean in', async t => {
  for (const value of [true, 1, 1n, 't']) t.equal(toBoolean(value), true, `${String(value)} (${typeof value}) is true`)
  for (const value of [false, 0, 0n, 'f', null]) t.equal(toBoolean(value), false, `${String(value)} (${typeof value}) is false`)
})

for (const kind of testDatabases()) {
  t.test(`${kind}: a row written through db.sql reads back through Prisma with identical values`, async t => {
    const db = await open(t, kind)
    const lead = leadValues(randomUUID())
    await insertMany(db.sql, 'Lead', [lead])

    const stored = await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })
    for (const [column, value] of Object.entries(lead)) {
      const read = (stored as Record<string, unknown>)[column]
      if (value instanceof Date) {
        t.ok(read instanceof Date, `${column}: a Date`)
        t.equal((read as Date).toISOString(), value.toISOString(), `${column}: the same instant, to the millisecond`)
      } else {
        t.equal(read, value, `${column}: ${JSON.stringify(value)}`)
      }
    }
    t.equal(typeof stored.consent, 'boolean', 'a real boolean, not 1')
    t.equal(typeof stored.spam, 'boolean', 'a real boolean, not 0')

    // Prisma's filters encode their values themselves: they match only if db.sql stored the same form.
    const found = await db.prisma.lead.findFirst({
      where: { id: lead.id, createdAt: lead.createdAt, consentAt: { gte: lead.consentAt, lte: lead.consentAt }, consent: true, spam: false, score: 87, spamScore: 0.125, company: null }
    })
    t.equal(found?.id, lead.id, 'Prisma\'s equality filters on each column find the row')
    t.equal(await db.prisma.lead.count({ where: { createdAt: { gt: lead.createdAt } } }), 0, 'and its range filters compare it correctly')
    t.equal(await db.prisma.lead.count({ where: { createdAt: { lt: new Date(lead.createdAt.getTime() + 1) } } }), 1, 'one millisecond later is later')
  })

  t.test(`${kind}: a row written by Prisma reads back through db.sql with identical values`, async t => {
    const db = await open(t, kind)
    const lead = leadValues(randomUUID())
    await db.prisma.lead.create({ data: lead })

    const [row] = await db.sql.all('SELECT * FROM "Lead" WHERE "id" = ?', [lead.id])
    t.ok(row, 'the row is found by its id')
    for (const column of ['createdAt', 'updatedAt', 'consentAt', 'lastActivityAt'] as const) {
      t.equal(toDate(row![column]).toISOString(), lead[column].toISOString(), `${column}: the same instant, to the millisecond`)
    }
    t.equal(toBoolean(row!.consent), true, 'consent')
    t.equal(toBoolean(row!.spam), false, 'spam')
    t.equal(row!.version, 3, 'an integer as a number')
    t.equal(row!.score, 87, 'a nullable integer as a number')
    t.equal(row!.spamScore, 0.125, 'a float')
    for (const column of ['fullName', 'details', 'tags', 'status', 'email'] as const) t.equal(row![column], lead[column], column)
    t.equal(row!.company, null, 'null stays null')
    t.equal(row!.erasedAt, null, 'a null timestamp stays null')

    // db.sql's parameters must match what Prisma stored, as the hot paths look rows up by timestamp.
    const byDate = await db.sql.all<{ id: string }>('SELECT "id" FROM "Lead" WHERE "createdAt" = ? AND "consent" = ? AND "spam" = ?', [lead.createdAt, true, false])
    t.same(byDate.map(r => r.id), [lead.id], 'a Date and booleans bound by db.sql match what Prisma stored')
    const later = await db.sql.all('SELECT "id" FROM "Lead" WHERE "createdAt" > ?', [new Date(lead.createdAt.getTime() - 1)])
    t.equal(later.length, 1, 'and compare in order with it')
  })

  t.test(`${kind}: the same values stored by either path are stored identically`, async t => {
    const db = await open(t, kind)
    const viaSql = apiKey('a')
    const viaPrisma = apiKey('b')
    await db.sql.run(insertKey, keyParams(viaSql))
    await db.prisma.apiKey.create({ data: viaPrisma })
    // Text comparison in SQL (ORDER BY, >, =) is only right if both paths wrote the same text.
    const raw = await db.sql.all<{ id: string, createdAt: unknown }>(
      kind === 'sqlite' ? 'SELECT "id", "createdAt" FROM "ApiKey" ORDER BY "id"' : 'SELECT "id", "createdAt"::text AS "createdAt" FROM "ApiKey" ORDER BY "id"')
    t.equal(raw.length, 2)
    t.equal(raw[0]!.createdAt, raw[1]!.createdAt, `both rows hold ${String(raw[1]!.createdAt)}`)
  })

  t.test(`${kind}: transaction commits when its work resolves, and returns its result`, async t => {
    const db = await open(t, kind)
    const result = await db.sql.transaction(async tx => {
      t.equal(await tx.run(insertKey, keyParams(apiKey('a'))), 1, 'one row changed')
      await tx.run(insertKey, keyParams(apiKey('b')))
      const [row] = await tx.all<{ n: number }>('SELECT COUNT(*) AS "n" FROM "ApiKey"')
      t.equal(Number(row!.n), 2, 'the transaction sees its own writes')
      return 'done'
    })
    t.equal(result, 'done')
    t.same(await storedKeys(db), ['a', 'b'], 'both rows stored')
  })

  t.test(`${kind}: transaction stores nothing when its work throws, and rethrows the same error`, async t => {
    const db = await open(t, kind)
    const thrown = new Error('the work failed')
    const caught = await db.sql.transaction(async tx => {
      await tx.run(insertKey, keyParams(apiKey('a')))
      throw thrown
    }).then(() => undefined, (err: unknown) => err)
    t.equal(caught, thrown, 'the very same error object')
    t.same(await storedKeys(db), [], 'the write before the throw was rolled back')

    await db.sql.transaction(tx => tx.run(insertKey, keyParams(apiKey('b'))))
    t.same(await storedKeys(db), ['b'], 'the next transaction commits normally')
  })

  for (const [what, conflicting] of [['a unique index', apiKey('c', 'hash-a')], ['a primary key', apiKey('a', 'hash-other')]] as const) {
    t.test(`${kind}: a violation of ${what} inside a transaction comes out as a SqlError that says so`, async t => {
      const db = await open(t, kind)
      await db.sql.run(insertKey, keyParams(apiKey('a')))
      const caught = await db.sql.transaction(async tx => {
        await tx.run(insertKey, keyParams(apiKey('b')))
        await tx.run(insertKey, keyParams(conflicting))
      }).then(() => undefined, (err: unknown) => err)

      t.ok(caught instanceof SqlError, `a SqlError (got ${String(caught)})`)
      const error = caught as SqlError
      t.equal(error.name, 'SqlError')
      t.equal(error.uniqueViolation, true, `uniqueViolation for code ${error.code}`)
      t.ok(error.cause, 'the driver\'s error is kept as the cause')
      t.equal(isUniqueViolation(error), true, 'isUniqueViolation')
      t.equal(isDatabaseError(error), true, 'isDatabaseError')
      t.same(await storedKeys(db), ['a'], 'the transaction\'s other write was rolled back')

      await db.sql.transaction(tx => tx.run(insertKey, keyParams(apiKey('d'))))
      t.same(await storedKeys(db), ['a', 'd'], 'the next transaction commits normally')
    })
  }

  t.test(`${kind}: other driver errors are SqlErrors that are not unique violations`, async t => {
    const db = await open(t, kind)
    const caught = await db.sql.all('SELECT "nope" FROM "ApiKey"').then(() => undefined, (err: unknown) => err)
    t.ok(caught instanceof SqlError, `a SqlError (got ${String(caught)})`)
    t.equal((caught as SqlError).uniqueViolation, false)
    t.equal(isUniqueViolation(caught), false)
    t.equal(isDatabaseError(caught), true)
  })
}

/** A promise opened from outside: `open()` resolves `opened`. */
function latch (): { open: () => void, opened: Promise<void> } {
  let open!: () => void
  const opened = new Promise<void>(resolve => { open = resolve })
  return { open, opened }
}

/** Yields to the event loop long enough for a Prisma transaction to reach the adapter's lock (not asserted on). */
const aWhile = () => new Promise(resolve => setTimeout(resolve, 100))

t.test('sqlite: a Prisma transaction started during a db.sql transaction waits until it commits', async t => {
  const db = await open(t, 'sqlite')
  const events: string[] = []
  const entered = latch()
  const gate = latch()

  const sqlTx = db.sql.transaction(async tx => {
    await tx.run(insertKey, keyParams(apiKey('sql')))
    entered.open()
    await gate.opened
    events.push('sql: committing')
  })
  await entered.opened
  const prismaTx = db.prisma.$transaction(async tx => {
    events.push('prisma: started')
    await tx.apiKey.create({ data: apiKey('prisma') })
    events.push('prisma: wrote')
  })
  await aWhile()
  t.same(events, [], 'the Prisma transaction has not started while the db.sql one is open')
  gate.open()
  await Promise.all([sqlTx, prismaTx])
  t.same(events, ['sql: committing', 'prisma: started', 'prisma: wrote'], 'the Prisma transaction ran after the db.sql one ended')
  t.same(await storedKeys(db), ['prisma', 'sql'], 'both writes stored')
})

t.test('sqlite: a Prisma transaction waiting on a db.sql transaction that rolls back then runs on its own', async t => {
  const db = await open(t, 'sqlite')
  const events: string[] = []
  const entered = latch()
  const gate = latch()
  const failure = new Error('the db.sql work failed')

  const sqlTx = db.sql.transaction(async tx => {
    await tx.run(insertKey, keyParams(apiKey('sql')))
    entered.open()
    await gate.opened
    events.push('sql: failing')
    throw failure
  })
  await entered.opened
  const prismaTx = db.prisma.$transaction(async tx => {
    events.push('prisma: started')
    await tx.apiKey.create({ data: apiKey('prisma') })
  })
  await aWhile()
  t.same(events, [], 'the Prisma transaction has not started while the db.sql one is open')
  gate.open()
  const [sqlOutcome, prismaOutcome] = await Promise.allSettled([sqlTx, prismaTx])
  t.same(sqlOutcome, { status: 'rejected', reason: failure }, 'the db.sql transaction failed with its own error')
  t.equal(prismaOutcome.status, 'fulfilled', 'the Prisma transaction committed')
  t.same(events, ['sql: failing', 'prisma: started'])
  t.same(await storedKeys(db), ['prisma'], 'only the Prisma write is stored')
})

t.test('sqlite: a db.sql statement issued during a Prisma transaction is not part of it', async t => {
  const db = await open(t, 'sqlite')
  const entered = latch()
  const gate = latch()
  const failure = new Error('the Prisma work failed')

  const prismaTx = db.prisma.$transaction(async tx => {
    await tx.apiKey.create({ data: apiKey('prisma') })
    entered.open()
    await gate.opened
    throw failure
  })
  await entered.opened
  // On the shared connection this would otherwise land inside Prisma's open transaction.
  const outside = db.sql.run(insertKey, keyParams(apiKey('sql')))
  await aWhile()
  gate.open()
  const [prismaOutcome, sqlOutcome] = await Promise.allSettled([prismaTx, outside])
  t.same(prismaOutcome, { status: 'rejected', reason: failure }, 'the Prisma transaction rolled back')
  t.same(sqlOutcome, { status: 'fulfilled', value: 1 }, 'the statement ran once the transaction was over')
  t.same(await storedKeys(db), ['sql'], 'the statement survived the rollback it would otherwise have shared')
})

if (testDatabases().includes('postgres')) {
  t.test('postgres: every connection of the shared pool bounds its statements (no batch waits forever on a lock)', async t => {
    const db = await open(t, 'postgres')
    t.same(await db.sql.all('SHOW statement_timeout'), [{ statement_timeout: '30s' }], 'plain SQL')
    t.same(await db.prisma.$queryRawUnsafe('SHOW statement_timeout'), [{ statement_timeout: '30s' }], 'Prisma, on the same pool')
  })
}
