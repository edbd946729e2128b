import { randomUUID } from 'node:crypto'
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import formbody from '@fastify/formbody'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import { classify } from './classification/index.ts'
import type { Config } from './config.ts'
import { createApiKeyStore } from './consultant/api-keys.ts'
import { openApi } from './consultant/openapi.ts'
import { consultantRoutes } from './consultant/routes.ts'
import { createConsultantService } from './consultant/service.ts'
import { openDatabase, type Database } from './db/client.ts'
import { formRoutes, formSettings } from './form/routes.ts'
import { healthRoutes } from './health/routes.ts'
import { registerErrorHandling } from './http/error-handler.ts'
import { problemPage } from './leads/error-page.ts'
import { leadRoutes } from './leads/routes.ts'
import { createIntakeService, type IntakeDeps } from './leads/service.ts'
import { loggerOptions } from './logging.ts'
import { createMaintenance } from './maintenance/index.ts'
import { createNotifications, type Mailer } from './notifications/index.ts'
import { rateLimiting } from './plugins/rate-limit.ts'
import { security } from './plugins/security.ts'

export interface AppDeps {
  config: Config
  /** The secret behind client fingerprints (IP_HASH_SECRET, or the one kept under var/). */
  ipHashSecret: string
  /** An open database; by default the app opens config.databaseUrl and closes it with itself. */
  db?: Database
  logStream?: DestinationStream
  clock?: () => Date
  /** The lead classifier; the trained one by default. */
  classify?: IntakeDeps['classify']
  /** The mail transport; by default SMTP from SMTP_URL, or .eml files under MAIL_DIR. */
  mailer?: Mailer
}

/** The origin of an absolute URL; nothing for a path on this service. */
function absoluteOrigin (url: string): string[] {
  try { return [new URL(url).origin] } catch { return [] }
}

export async function buildApp (deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const options: FastifyServerOptions = {
    logger: loggerOptions(config.logLevel, deps.logStream),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // A number is a hop count, which Fastify accepts although its type does not say so.
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: config.bodyLimit,
    // "__proto__" and "constructor" keys are dropped, never merged (fastify.dev/docs/latest/Guides/Prototype-Poisoning).
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    return503OnClosing: true
  }
  const app = Fastify(options).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  const db = deps.db ?? await openDatabase({ url: config.databaseUrl })
  if (!deps.db) app.addHook('onClose', async () => { await db.close() })

  // A response finished after close() began ends its connection: Fastify closes idle keep-alive
  // connections only once, when close() starts, and one busy then would hold the shutdown until
  // the client's keep-alive timeout.
  let draining = false
  app.addHook('preClose', async () => { draining = true })
  app.addHook('onSend', async (_request, reply) => { if (draining) reply.header('connection', 'close') })

  // One line per request: method, route pattern, status and duration; no URL, query, IP or body.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? null, status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 }, 'request')
  })
  app.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id) })

  registerErrorHandling(app, problemPage(formSettings(config)))
  await app.register(security, {
    corsOrigins: config.corsOrigins,
    formDestinations: [...config.redirectAllowlist, ...absoluteOrigin(config.thankYouUrl)]
  })
  await app.register(rateLimiting, { redisUrl: config.redisUrl })
  await app.register(formbody, { bodyLimit: config.bodyLimit })
  // Forms arrive as JSON or URL-encoded; anything else is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain')
  // Before any route: swagger builds the OpenAPI document from the routes registered after it.
  await app.register(openApi)

  // Notifications leave through the outbox: the hook queues them in the lead's transaction, the
  // worker delivers (here unless WORKER_IN_PROCESS=false, when `npm run worker` does).
  const notifications = createNotifications({ db, config, log: app.log, clock: deps.clock, mailer: deps.mailer })
  app.decorate('outbox', notifications.worker)
  const maintenance = createMaintenance({ db, config, log: app.log, clock: deps.clock })
  if (config.outbox.inProcess) {
    app.addHook('onReady', async () => {
      notifications.worker.start()
      maintenance.start()
    })
  }
  app.addHook('onClose', async () => {
    await maintenance.stop()
    await notifications.close()
  })

  const intake = createIntakeService({
    db,
    duplicateWindowSeconds: config.duplicateWindowSeconds,
    classify: deps.classify ?? classify,
    onLeadsCreated: notifications.onLeadsCreated,
    log: app.log,
    clock: deps.clock
  })

  await app.register(healthRoutes, { db })
  await app.register(leadRoutes, { intake, config, ipHashSecret: deps.ipHashSecret })
  await app.register(formRoutes, { config })
  const consultant = createConsultantService({
    db,
    clock: deps.clock,
    staleLeadHours: config.consultant.staleLeadHours,
    // A spam lead a consultant accepts gets the notifications intake would have queued.
    onLeadAccepted: notifications.onLeadsCreated
  })
  await app.register(consultantRoutes, { service: consultant, keys: createApiKeyStore({ db, clock: deps.clock }), config })
  return app
}
