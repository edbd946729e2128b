import { z } from 'zod'
import { databaseKind } from './db/url.ts'
import { LOCALES } from './classification/taxonomy.ts'

// Configuration is one pure function of the environment, validated once at start-up and handed to
// the app as data, so tests never touch process.env.

const list = z.string().transform(s => s.split(',').map(x => x.trim()).filter(Boolean))
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform(v => ['true', '1', 'yes'].includes(v))
const origin = z.string().refine(s => {
  try { return new URL(s).origin === s } catch { return false }
}, 'must be an origin such as https://example.com (scheme, host and optional port, no path)')
const durationSeconds = z.coerce.number().int().positive()
// Operator-given addresses; a single-label domain (consultant@localhost) is fine for local delivery.
const address = (message: string) => z.string().regex(/^[^\s@<>,;"()]+@[^\s@<>,;"()]+$/, message)

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().default('file:./var/leadline.db')
    .refine(u => { try { databaseKind(u); return true } catch { return false } },
      'must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: list.pipe(z.array(origin)).default([]),
  THANK_YOU_URL: z.string().min(1).default('/thank-you'),
  REDIRECT_ALLOWLIST: list.pipe(z.array(origin)).default([]),
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_WINDOW: durationSeconds.default(60),
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  IP_HASH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  DUPLICATE_WINDOW: durationSeconds.default(24 * 3600),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(64 * 1024),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  SMTP_REQUIRE_TLS: bool.default(false),
  MAIL_FROM: address('must be an e-mail address').default('leadline@localhost'),
  MAIL_DIR: z.string().min(1).default('./var/mail'),
  NOTIFY_TO: list.pipe(z.array(address('must be a comma-separated list of e-mail addresses'))).default(['consultant@localhost']),
  NOTIFY_LOCALE: z.enum(LOCALES).default('fr'),
  PUBLIC_BASE_URL: z.string().url('must be an absolute URL').default('http://localhost:3000')
    .transform(u => u.replace(/\/+$/, '')),
  MAIL_SIGNATURE: z.string().min(1).max(120).default('Leadline'),
  ACK_ENABLED: bool.default(true),
  ACK_DAILY_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(3),
  ACK_HOURLY_LIMIT: z.coerce.number().int().min(0).default(100),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  MAIL_RETRY_BASE_DELAY: durationSeconds.default(7 * 60),
  MAIL_RETRY_MAX_DELAY: durationSeconds.default(16 * 3600),
  MAIL_LEASE: durationSeconds.default(300),
  WORKER_IN_PROCESS: bool.default(true),
  WORKER_POLL_INTERVAL: durationSeconds.default(2),
  FORM_PAGE_ENABLED: bool.default(true),
  PRIVACY_CONTROLLER: z.string().trim().min(1).max(200).optional(),
  PRIVACY_CONTACT: address('must be an e-mail address').optional(),
  STALE_LEAD_HOURS: z.coerce.number().positive().default(48),
  API_AUTH_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  API_AUTH_FAILURE_WINDOW: durationSeconds.default(15 * 60),
  RETENTION_SPAM_DAYS: z.coerce.number().int().min(0).default(30),
  RETENTION_LEAD_DAYS: z.coerce.number().int().min(0).default(3 * 365)
})

function parseTrustProxy (v: string): boolean | number | string[] {
  if (v === 'true') return true
  if (v === 'false' || v === '') return false
  if (/^\d+$/.test(v)) return Number(v)
  return v.split(',').map(x => x.trim()).filter(Boolean)
}

type Env = z.infer<typeof envSchema>

export interface Config {
  port: number
  host: string
  databaseUrl: string
  logLevel: Env['LOG_LEVEL']
  corsOrigins: string[]
  thankYouUrl: string
  redirectAllowlist: string[]
  rateLimit: { max: number, windowSeconds: number }
  trustProxy: boolean | number | string[]
  redisUrl: string | undefined
  ipHashSecret: string | undefined
  duplicateWindowSeconds: number
  bodyLimit: number
  mail: {
    smtpUrl: string | undefined
    requireTls: boolean
    from: string
    dir: string
    notifyTo: string[]
    notifyLocale: Env['NOTIFY_LOCALE']
    signature: string
  }
  /** The prospect acknowledgement: on/off and its caps (a rolling 24 h per address, a clock hour overall). */
  ack: { enabled: boolean, dailyLimitPerAddress: number, hourlyLimit: number }
  /** The outbox worker: retry budget (seconds), lease on claimed jobs, and whether `npm start` runs it. */
  outbox: { maxAttempts: number, retryBaseDelaySeconds: number, retryMaxDelaySeconds: number, leaseSeconds: number, inProcess: boolean, pollIntervalSeconds: number }
  publicBaseUrl: string
  form: {
    /** GET / serves the contact form page; the thank-you page and the form's assets are always served. */
    pageEnabled: boolean
    /** Who collects the data, as the consent notice names them; a generic wording when unset. */
    privacyController: string | undefined
    /** Where visitors exercise their rights: PRIVACY_CONTACT, else the first NOTIFY_TO address. */
    privacyContact: string
  }
  consultant: {
    /** A new lead nobody contacted for longer than this counts as waiting in the stats. */
    staleLeadHours: number
    /** Failed API-key authentications per client and window before it is turned away. */
    authMaxFailures: number
    authFailureWindowSeconds: number
  }
  /** Days before erasure (spam by creation date, other leads by last activity); 0 keeps forever. */
  retention: { spamDays: number, leadDays: number }
}

export class ConfigError extends Error {
  constructor (readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map(p => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads the configuration from an environment; throws ConfigError naming every bad variable. */
export function loadConfig (env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`))
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS,
    thankYouUrl: e.THANK_YOU_URL,
    redirectAllowlist: e.REDIRECT_ALLOWLIST,
    rateLimit: { max: e.RATE_LIMIT_MAX, windowSeconds: e.RATE_LIMIT_WINDOW },
    trustProxy: e.TRUST_PROXY,
    redisUrl: e.REDIS_URL,
    ipHashSecret: e.IP_HASH_SECRET,
    duplicateWindowSeconds: e.DUPLICATE_WINDOW,
    bodyLimit: e.BODY_LIMIT,
    mail: {
      smtpUrl: e.SMTP_URL,
      requireTls: e.SMTP_REQUIRE_TLS,
      from: e.MAIL_FROM,
      dir: e.MAIL_DIR,
      notifyTo: e.NOTIFY_TO,
      notifyLocale: e.NOTIFY_LOCALE,
      signature: e.MAIL_SIGNATURE
    },
    ack: { enabled: e.ACK_ENABLED, dailyLimitPerAddress: e.ACK_DAILY_LIMIT_PER_ADDRESS, hourlyLimit: e.ACK_HOURLY_LIMIT },
    outbox: {
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retryBaseDelaySeconds: e.MAIL_RETRY_BASE_DELAY,
      retryMaxDelaySeconds: e.MAIL_RETRY_MAX_DELAY,
      leaseSeconds: e.MAIL_LEASE,
      inProcess: e.WORKER_IN_PROCESS,
      pollIntervalSeconds: e.WORKER_POLL_INTERVAL
    },
    publicBaseUrl: e.PUBLIC_BASE_URL,
    form: {
      pageEnabled: e.FORM_PAGE_ENABLED,
      privacyController: e.PRIVACY_CONTROLLER,
      privacyContact: e.PRIVACY_CONTACT ?? e.NOTIFY_TO[0] ?? e.MAIL_FROM
    },
    consultant: {
      staleLeadHours: e.STALE_LEAD_HOURS,
      authMaxFailures: e.API_AUTH_MAX_FAILURES,
      authFailureWindowSeconds: e.API_AUTH_FAILURE_WINDOW
    },
    retention: { spamDays: e.RETENTION_SPAM_DAYS, leadDays: e.RETENTION_LEAD_DAYS }
  }
}
