import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { FastifyRequest } from 'fastify'

export interface SecurityOptions {
  /** The site origins whose pages may post the form from JavaScript. */
  corsOrigins: string[]
}

/** Only the public form endpoint is ever opened to other origins; the consultant API never is. */
function isPublicFormRoute (request: FastifyRequest): boolean {
  return request.url.split('?')[0] === '/api/leads' && (request.method === 'POST' || request.method === 'OPTIONS')
}

export const security = fp<SecurityOptions>(async (app, { corsOrigins }) => {
  await app.register(helmet, {
    // The service answers JSON and small self-contained pages; nothing needs to be framed.
    contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'frame-ancestors': ["'none'"], 'form-action': ["'self'", ...corsOrigins] } }
  })
  await app.register(cors, {
    delegator: (request, callback) => {
      const allowed = isPublicFormRoute(request) && corsOrigins.length > 0
      callback(null, {
        origin: allowed ? corsOrigins : false,
        methods: ['POST'],
        allowedHeaders: ['Content-Type', 'Accept', 'Accept-Language', 'Idempotency-Key'],
        maxAge: 600
      })
    }
  })
}, { name: 'security' })
