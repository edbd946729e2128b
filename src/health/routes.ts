import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Database } from '../db/client.ts'

export const healthRoutes: FastifyPluginAsyncZod<{ db: Pick<Database, 'ping'> }> = async (app, { db }) => {
  app.get('/health', {
    schema: { summary: 'The process is alive', tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } }
  }, async () => ({ status: 'ok' as const }))

  app.get('/ready', {
    schema: {
      summary: 'The database answers',
      tags: ['health'],
      response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('unavailable') }) }
    }
  }, async (request, reply) => {
    try {
      await db.ping()
      return { status: 'ready' as const }
    } catch (err) {
      request.log.warn({ err }, 'database unreachable')
      return reply.code(503).send({ status: 'unavailable' as const })
    }
  })
}
