import t from 'tap'
import { readFileSync } from 'node:fs'

// One provider per Prisma schema (prisma/orm#998): the two schemas must keep identical models.
const models = (kind: string) => readFileSync(new URL(`../../prisma/${kind}/schema.prisma`, import.meta.url), 'utf8')
  .split('// ---- models (shared) ----')[1]

t.test('the SQLite and PostgreSQL schemas have the same models', async t => {
  const sqlite = models('sqlite')
  t.ok(sqlite && sqlite.includes('model Lead {'), 'the shared part is marked in the SQLite schema')
  t.equal(models('postgres'), sqlite)
})

t.test('each provider has the same migrations', async t => {
  const { readdirSync } = await import('node:fs')
  const list = (kind: string) => readdirSync(new URL(`../../prisma/${kind}/migrations`, import.meta.url)).filter(n => !n.endsWith('.toml')).sort()
  t.same(list('postgres'), list('sqlite'))
})
