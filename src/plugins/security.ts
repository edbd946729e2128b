import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { FastifyRequest } from 'fastify'

export interface SecurityOptions {
  /** The site origins whose pages may post the form from JavaScript. */
  corsOrigins: string[]
  /**
   * Where a form on our pages may end up: browsers apply CSP form-action to the redirect after the
   * post too, so the thank-you page's origin and the redirect allowlist must be named.
   */
  formDestinations: string[]
}

/** Only the public form endpoint is ever opened to other origins; the consultant API never is. */
function isPublicFormRoute (request: FastifyRequest): boolean {
  return request.url.split('?')[0] === '/api/leads' && (request.method === 'POST' || request.method === 'OPTIONS')
}

export const security = fp<SecurityOptions>(async (app, { corsOrigins, formDestinations }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        // The service answers JSON and small self-contained pages; nothing needs to be framed.
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'", ...new Set(formDestinations)],
        // Whether the service sits behind HTTPS is the deployment's business: forcing the upgrade
        // would break a plain-HTTP address on a local network.
        'upgrade-insecure-requests': null
      }
    }
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
