import { readFileSync } from 'node:fs'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { createJsonSchemaTransform } from 'fastify-type-provider-zod'

// The OpenAPI 3.1 document, generated from the routes' zod schemas, at GET /openapi.json, with
// Swagger UI at /docs. Registered before the routes so that swagger's onRoute hook sees them all.

export const BEARER = 'bearerAuth'

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }

interface Operation { responses?: Record<string, { content?: Record<string, unknown> }> }
interface Document { paths?: Record<string, Record<string, Operation>> }

/** Every error leaves as application/problem+json (src/http/error-handler.ts): say so in the document. */
function problemJsonErrors<T> (doc: T): T {
  for (const path of Object.values((doc as Document).paths ?? {})) {
    for (const operation of Object.values(path)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400 || !response.content) continue
        const media = Object.values(response.content)[0]
        response.content = { 'application/problem+json': media }
      }
    }
  }
  return doc
}

export const openApi = fp(async app => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Leadline API',
        version,
        description: 'The public contact-form endpoint and the consultant\'s API (review, work, export and erase leads). ' +
          'Consultant routes need `Authorization: Bearer <API key>`; create a key with `npm run apikey -- create NAME`. ' +
          'Errors are RFC 9457 problem+json.'
      },
      components: {
        securitySchemes: {
          [BEARER]: { type: 'http', scheme: 'bearer', description: 'An API key (ll_…), shown once when it is created' }
        }
      },
      tags: [
        { name: 'public', description: 'The contact form' },
        { name: 'leads', description: 'Review and work leads' },
        { name: 'exports', description: 'Bulk and per-person exports' },
        { name: 'stats', description: 'Figures' },
        { name: 'health', description: 'Liveness and readiness' }
      ]
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
    transformObject: input => 'openapiObject' in input ? problemJsonErrors(input.openapiObject) : input.swaggerObject
  })
  // Swagger UI's own CSP (hashes of its inline script and style) replaces helmet's strict one for
  // /docs only; without upgrade-insecure-requests, which would break the page on plain-HTTP hosts.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: header => header.replace(/\s*upgrade-insecure-requests;?/, '')
  })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'openapi' })
