import { Readable } from 'node:stream'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../config.ts'
import type { ApiKeyStore } from './api-keys.ts'
import { callerOf, requireApiKey } from './auth.ts'
import { csvLines, ndjsonLines } from './export.ts'
import { BEARER } from './openapi.ts'
import {
  emailDeliverySchema, ifMatchHeaders, leadDetailSchema, leadExportQuerySchema, leadListQuerySchema, leadListSchema,
  leadParamsSchema, leadPatchSchema, noteInputSchema, noteSchema, notesSchema, problemSchema, retryParamsSchema,
  statsQuerySchema, statsSchema, subjectExportSchema
} from './schemas.ts'
import { etagOf, type ConsultantService } from './service.ts'

export interface ConsultantRoutesOptions {
  service: ConsultantService
  keys: ApiKeyStore
  config: Pick<Config, 'consultant'>
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid parameters or body',
  401: 'Missing, malformed, unknown or revoked API key',
  404: 'No such lead (or delivery)',
  409: 'The change is not allowed in the lead\'s current state (allowed: the statuses it may move to)',
  410: 'The lead was erased',
  412: 'If-Match names an older version of the lead',
  429: 'Too many failed authentications from this client',
  503: 'The database is unavailable'
}

/** The problem+json answers a route can give, always including the authentication ones. */
function errors (...statuses: number[]) {
  return Object.fromEntries([400, 401, 429, 503, ...statuses].sort().map(s => [s, problemSchema.describe(ERROR_TEXT[s]!)]))
}

const security = [{ [BEARER]: [] }]
const etagHeader = { etag: { type: 'string', description: 'The lead\'s version, for If-Match' } }

export const consultantRoutes: FastifyPluginAsyncZod<ConsultantRoutesOptions> = async (app, { service, keys, config }) => {
  // Encapsulated: the hook covers exactly the routes of this plugin.
  app.addHook('onRequest', requireApiKey(app, {
    keys,
    maxFailures: config.consultant.authMaxFailures,
    failureWindowSeconds: config.consultant.authFailureWindowSeconds
  }))

  app.get('/api/leads', {
    schema: {
      summary: 'List leads',
      description: 'Filters combine (AND); a comma-separated value is any of its items. Newest first by default; follow nextCursor for the next page — pages stay stable while new leads arrive.',
      tags: ['leads'],
      security,
      querystring: leadListQuerySchema,
      response: { 200: leadListSchema, ...errors() }
    }
  }, async request => {
    const { sort, order, limit, cursor, ...filter } = request.query
    return service.list(filter, { sort, order }, limit, cursor)
  })

  const exportRoute = (format: 'csv' | 'ndjson') => app.get(`/api/leads/export.${format}`, {
    schema: {
      summary: format === 'csv' ? 'Export leads as CSV' : 'Export leads as NDJSON',
      description: format === 'csv'
        ? 'The list\'s filters and sort, every matching lead, streamed. RFC 4180, UTF-8 with BOM; cells starting with = + - @ tab or CR are prefixed with an apostrophe so spreadsheets do not run them.'
        : 'The list\'s filters and sort, every matching lead, one JSON object per line, streamed.',
      tags: ['exports'],
      security,
      produces: [format === 'csv' ? 'text/csv' : 'application/x-ndjson'],
      querystring: leadExportQuerySchema,
      // A byte stream: no JSON schema applies to it.
      response: { 200: z.unknown().describe(format === 'csv' ? 'CSV with a header row, one lead per row' : 'One JSON lead per line'), ...errors() }
    }
  }, async (request, reply) => {
    const { sort, order, ...filter } = request.query
    const pages = service.pages(filter, { sort, order })
    return reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="leads.${format}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(format === 'csv' ? csvLines(pages) : ndjsonLines(pages)))
  })
  exportRoute('csv')
  exportRoute('ndjson')

  app.get('/api/leads/:id', {
    schema: {
      summary: 'A lead with its classification, notes, timeline and e-mail deliveries',
      tags: ['leads'],
      security,
      params: leadParamsSchema,
      response: { 200: leadDetailSchema.describe('The lead (ETag header: its version)'), ...errors(404) }
    }
  }, async (request, reply) => {
    const lead = await service.detail(request.params.id)
    return reply.header('etag', etagOf(lead.version)).send(lead)
  })

  app.patch('/api/leads/:id', {
    schema: {
      summary: 'Move a lead in the pipeline, tag, assign or correct its classification',
      description: 'Pipeline: new → contacted → qualified → proposal → won | lost, plus spam and archived; a move the pipeline does not allow is a 409 listing the allowed ones. Each change is recorded in the timeline with the old value and the API key\'s name. `spam: false` on a spam lead (or status new) accepts it and queues its notifications. Send If-Match with the ETag you read to never overwrite someone else\'s change.',
      tags: ['leads'],
      security,
      params: leadParamsSchema,
      headers: ifMatchHeaders,
      body: leadPatchSchema,
      response: { 200: leadDetailSchema, ...errors(404, 409, 410, 412) }
    }
  }, async (request, reply) => {
    const lead = await service.update(request.params.id, request.body, callerOf(request).name, request.headers['if-match'])
    return reply.header('etag', etagOf(lead.version)).send(lead)
  })

  app.delete('/api/leads/:id', {
    schema: {
      summary: 'Erase the person\'s data (GDPR art. 17, law 09-08)',
      description: 'Removes name, e-mail, phone, company, details, fingerprints, notes\' text and the e-mails\' payloads; an anonymous record stays for the figures and the timeline records the erasure. Erasing again is not an error.',
      tags: ['leads'],
      security,
      params: leadParamsSchema,
      response: { 204: z.null().describe('Erased'), ...errors(404) }
    }
  }, async (request, reply) => {
    await service.erase(request.params.id, callerOf(request).name)
    return reply.code(204).send(null)
  })

  app.get('/api/leads/:id/export', {
    schema: {
      summary: 'Everything held about the person (data-subject access request)',
      tags: ['exports'],
      security,
      params: leadParamsSchema,
      response: { 200: subjectExportSchema, ...errors(404) }
    }
  }, async (request, reply) => {
    const data = await service.subjectExport(request.params.id)
    return reply.header('content-disposition', `attachment; filename="lead-${request.params.id.replace(/[^A-Za-z0-9-]/g, '')}.json"`)
      .header('cache-control', 'no-store').send(data)
  })

  app.post('/api/leads/:id/notes', {
    schema: {
      summary: 'Add a note',
      tags: ['leads'],
      security,
      params: leadParamsSchema,
      body: noteInputSchema,
      response: { 201: noteSchema, ...errors(404, 410) }
    }
  }, async (request, reply) => {
    return reply.code(201).send(await service.addNote(request.params.id, request.body.body, callerOf(request).name))
  })

  app.get('/api/leads/:id/notes', {
    schema: {
      summary: 'A lead\'s notes, oldest first',
      tags: ['leads'],
      security,
      params: leadParamsSchema,
      response: { 200: notesSchema, ...errors(404) }
    }
  }, async request => ({ items: await service.notes(request.params.id) }))

  app.post('/api/leads/:id/emails/:deliveryId/retry', {
    schema: {
      summary: 'Send a failed e-mail again',
      description: 'The delivery goes back to the outbox, due now, with a fresh attempt budget.',
      tags: ['leads'],
      security,
      params: retryParamsSchema,
      response: { 200: emailDeliverySchema, ...errors(404, 409, 410) }
    }
  }, async request => service.retryDelivery(request.params.id, request.params.deliveryId, callerOf(request).name))

  app.get('/api/stats', {
    schema: {
      summary: 'Counts, conversion, time to first contact and leads waiting',
      tags: ['stats'],
      security,
      querystring: statsQuerySchema,
      response: { 200: statsSchema, ...errors() }
    }
  }, async request => service.stats(request.query))
}
