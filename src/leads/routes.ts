import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../config.ts'
import { wantsHtml, localeOf } from '../http/error-handler.ts'
import { HttpError, problemSchema } from '../http/problem.ts'
import { ipFingerprint } from './fingerprint.ts'
import { thankYouLocation } from './redirect.ts'
import { applyAliases, leadCreatedSchema, leadInputSchema } from './schema.ts'
import type { IntakeService } from './service.ts'

export interface LeadRoutesOptions {
  intake: IntakeService
  config: Pick<Config, 'thankYouUrl' | 'redirectAllowlist' | 'rateLimit'>
  ipHashSecret: string
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/

export const leadRoutes: FastifyPluginAsyncZod<LeadRoutesOptions> = async (app, { intake, config, ipHashSecret }) => {
  app.post('/api/leads', {
    config: {
      rateLimit: { max: config.rateLimit.max, timeWindow: config.rateLimit.windowSeconds * 1000 }
    },
    // Sites already have forms with their own field names (name, message, type): rename before validating.
    preValidation: async request => { request.body = applyAliases(request.body) as typeof request.body },
    schema: {
      summary: 'Submit the contact form',
      description: 'Accepts JSON or a URL-encoded HTML form post. A browser form post (Accept: text/html) is answered with a 303 redirect to the thank-you page.',
      tags: ['public'],
      headers: z.object({ 'idempotency-key': z.string().optional() }),
      body: leadInputSchema,
      response: {
        200: leadCreatedSchema.describe('A duplicate of a lead submitted within the duplicate window, or a replayed Idempotency-Key'),
        201: leadCreatedSchema.describe('The lead is stored'),
        400: problemSchema, 413: problemSchema, 415: problemSchema, 422: problemSchema, 429: problemSchema, 503: problemSchema
      }
    }
  }, async (request, reply) => {
    const key = request.headers['idempotency-key']
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new HttpError(400, 'malformed', 'Malformed request', 'Idempotency-Key must be 1 to 255 visible ASCII characters.')
    }
    const result = await intake.submit(request.body, {
      locale: localeOf(request),
      ipHash: ipFingerprint(request.ip, ipHashSecret),
      userAgent: request.headers['user-agent'],
      idempotencyKey: key
    })
    if (wantsHtml(request)) {
      const requested = request.body.redirect ?? (request.query as { redirect?: unknown }).redirect
      return reply.redirect(thankYouLocation(requested, config.thankYouUrl, config.redirectAllowlist), 303)
    }
    return reply.code(result.duplicate ? 200 : 201).send({ id: result.id, duplicate: result.duplicate })
  })
}
