import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { request } from 'node:http'
import { createInterface } from 'node:readline'
import { childEnv, ROOT, tsxArgs } from '../helpers/child.ts'
import { freshDatabase } from '../helpers/databases.ts'
import { openDatabase } from '../../src/db/client.ts'
import { validLead } from '../helpers/leads.ts'

function slowPost (port: number) {
  const body = Buffer.from(JSON.stringify(validLead()))
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/leads', headers: { 'content-type': 'application/json', 'content-length': body.length } })
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', res => { res.resume(); resolve(res.statusCode ?? 0) })
    req.on('error', reject)
  })
  const started = new Promise<void>(resolve => req.write(body.subarray(0, 10), () => resolve()))
  return { started, status, finish: () => req.end(body.subarray(10)) }
}

t.test('SIGTERM: stops accepting, answers what is in flight, closes the database, exits 0', async t => {
  const database = await freshDatabase('sqlite')
  t.teardown(database.drop)
  const child = spawn(process.execPath, tsxArgs('src/server.ts'), {
    cwd: ROOT,
    env: childEnv({ DATABASE_URL: database.url, PORT: '0', RATE_LIMIT_MAX: '1000', WORKER_IN_PROCESS: 'false', MAIL_DIR: `${database.url.slice(5)}-mail` }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = once(child, 'exit')
  let port = 0
  for await (const line of createInterface({ input: child.stdout })) {
    const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(line)
    if (m) { port = Number(m[1]); break }
  }
  t.ok(port > 0, 'the server listens')

  const post = () => fetch(`http://127.0.0.1:${port}/api/leads`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validLead())
  }).then(r => r.status, () => 'refused' as const)

  t.equal(await post(), 201, 'warm')
  // A request whose body is still arriving when SIGTERM lands is in flight: it must be answered.
  const slow = slowPost(port)
  await slow.started
  const burst = Array.from({ length: 20 }, post)
  const killedAt = Date.now()
  child.kill('SIGTERM')
  await new Promise(resolve => setTimeout(resolve, 200))
  slow.finish()
  t.equal(await slow.status, 201, 'the in-flight request is answered and stored')
  const results = [201, await slow.status, ...await Promise.all(burst)]
  const [code] = await exited
  t.comment(`exit ${Date.now() - killedAt} ms after SIGTERM`)
  t.equal(code, 0, 'a clean exit')
  t.ok(results.every(r => r === 201 || r === 503 || r === 'refused'), `only accepted, refused or 503: ${results.join(',')}`)

  const after = await post()
  t.equal(after, 'refused', 'nothing is accepted after shutdown')

  const db = await openDatabase({ url: database.url })
  t.teardown(db.close)
  t.equal(await db.prisma.lead.count(), results.filter(r => r === 201).length, 'every 201 was stored, nothing else')
})
