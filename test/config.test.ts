import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.ts'

t.test('defaults make the embedded setup', async t => {
  const c = loadConfig({})
  t.match(c, { port: 3000, databaseUrl: 'file:./var/leadline.db', thankYouUrl: '/thank-you', rateLimit: { max: 10, windowSeconds: 60 }, trustProxy: false })
  t.equal(c.mail.smtpUrl, undefined, 'mail goes to files by default')
  t.equal(c.redisUrl, undefined)
})

t.test('values are parsed', async t => {
  const c = loadConfig({
    PORT: '8080', DATABASE_URL: 'postgresql://u@db/leadline', CORS_ORIGINS: 'https://a.example, https://b.example:8443',
    TRUST_PROXY: '2', NOTIFY_TO: 'a@example.ma,b@example.ma', PUBLIC_BASE_URL: 'https://leads.example/', REDIS_URL: 'redis://cache:6379'
  })
  t.equal(c.port, 8080)
  t.same(c.corsOrigins, ['https://a.example', 'https://b.example:8443'])
  t.equal(c.trustProxy, 2)
  t.same(c.mail.notifyTo, ['a@example.ma', 'b@example.ma'])
  t.equal(c.publicBaseUrl, 'https://leads.example')
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy, ['10.0.0.0/8', '127.0.0.1'])
})

t.test('every bad variable is named with what is wrong', async t => {
  const err = t.throws(() => loadConfig({
    PORT: 'eighty', DATABASE_URL: 'mysql://x', CORS_ORIGINS: 'https://a.example/path', NOTIFY_TO: 'not-an-address',
    SMTP_URL: 'http://mail', IP_HASH_SECRET: 'short'
  })) as ConfigError
  t.type(err, ConfigError)
  const vars = err.problems.map(p => p.split(':')[0])
  t.same(vars.sort(), ['CORS_ORIGINS.0', 'DATABASE_URL', 'IP_HASH_SECRET', 'NOTIFY_TO.0', 'PORT', 'SMTP_URL'].sort())
  t.match(err.message, /DATABASE_URL: must start with file: \(SQLite\) or postgres/)
})

t.test('an empty variable means unset', async t => {
  t.equal(loadConfig({ PORT: '', SMTP_URL: '' }).port, 3000)
})

t.test('.env.example documents every variable with its true default', async t => {
  const { readFileSync } = await import('node:fs')
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
  const env = Object.fromEntries(example.split('\n').filter(l => /^[A-Z_]+=/.test(l)).map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
  const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8')
  const variables = [...source.matchAll(/^ {2}([A-Z][A-Z_]+):/gm)].map(m => m[1]!)
  t.same(variables.filter(v => !(v in env)), [], 'every variable is in .env.example')
  t.same(Object.keys(env).filter(v => !variables.includes(v)), [], 'and nothing else')
  t.same(loadConfig(env), loadConfig({}), 'the values shown are the defaults')
})
