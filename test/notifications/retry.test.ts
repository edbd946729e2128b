import t from 'tap'
import { errorCode, isPermanent, retryDelaySeconds } from '../../src/notifications/retry.ts'

const policy = { maxAttempts: 10, baseDelaySeconds: 420, maxDelaySeconds: 16 * 3600 }

t.test('delays double from the base, stay within ±20 % jitter, and are capped', async t => {
  t.same([1, 2, 3, 4].map(a => retryDelaySeconds(a, policy, () => 0.5)), [420, 840, 1680, 3360])
  t.equal(retryDelaySeconds(1, policy, () => 0), 336)
  t.equal(retryDelaySeconds(1, policy, () => 0.999999), 504)
  t.equal(retryDelaySeconds(9, policy, () => 0.5), 16 * 3600)
  t.equal(retryDelaySeconds(9, policy, () => 1), 16 * 3600, 'jitter never passes the cap')
  const total = Array.from({ length: policy.maxAttempts - 1 }, (_, i) => retryDelaySeconds(i + 1, policy, () => 0.5)).reduce((a, b) => a + b)
  t.ok(total > 40 * 3600 && total < 56 * 3600, `the default budget spans about 48 hours (${(total / 3600).toFixed(1)} h)`)
})

t.test('SMTP 5xx and unsendable jobs are permanent; connection trouble, 4xx and refused logins are not', async t => {
  const cases: Array<[unknown, boolean, string]> = [
    [{ code: 'EENVELOPE', responseCode: 550 }, true, 'smtp_550'],
    [{ code: 'EMESSAGE', responseCode: 554 }, true, 'smtp_554'],
    [{ code: 'EENVELOPE', responseCode: 451 }, false, 'smtp_451'],
    [{ code: 'EMESSAGE', responseCode: 421 }, false, 'smtp_421'],
    [{ code: 'EAUTH', responseCode: 535 }, false, 'smtp_535'],
    [{ code: 'ECONNECTION' }, false, 'ECONNECTION'],
    [{ code: 'ETIMEDOUT' }, false, 'ETIMEDOUT'],
    [{ code: 'invalid_address' }, true, 'invalid_address'],
    [{ code: 'invalid_job' }, true, 'invalid_job'],
    [new Error('anything else'), false, 'error'],
    [{ code: 'has spaces and @' }, false, 'error']
  ]
  for (const [err, permanent, code] of cases) {
    t.equal(isPermanent(err), permanent, `${code}: ${permanent ? 'permanent' : 'temporary'}`)
    t.equal(errorCode(err), code)
  }
})
