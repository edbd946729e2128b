import { randomUUID } from 'node:crypto'
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import formbody from '@fastify/formbody'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import type { Config } from './config.ts'
import { openDatabase, type Database } from './db/client.ts'
import { healthRoutes } from './health/routes.ts'
import { registerErrorHandling } from './http/error-handler.ts'
import { renderProblemPage } from './leads/error-page.ts'
import { leadRoutes } from './leads/routes.ts'
import { createIntakeService, type IntakeDeps } from './leads/service.ts'
import { loggerOptions } from './logging.ts'
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
  classify?: IntakeDeps['classify']
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

  // One line per request: method, route pattern, status and duration; no URL, query, IP or body.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? null, status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 }, 'request')
  })
  app.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id) })

  registerErrorHandling(app, renderProblemPage)
  await app.register(security, { corsOrigins: config.corsOrigins })
  await app.register(rateLimiting, { redisUrl: config.redisUrl })
  await app.register(formbody, { bodyLimit: config.bodyLimit })

  const intake = createIntakeService({
    db,
    duplicateWindowSeconds: config.duplicateWindowSeconds,
    classify: deps.classify,
    log: app.log,
    clock: deps.clock
  })

  await app.register(healthRoutes, { db })
  await app.register(leadRoutes, { intake, config, ipHashSecret: deps.ipHashSecret })
  return app
}
