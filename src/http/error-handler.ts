import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import type { Locale } from '../classification/taxonomy.ts'
import { isDatabaseError } from '../db/errors.ts'
import { requestLocale } from './locale.ts'
import { fieldMessage, PROBLEMS, type ProblemKind } from './messages.ts'
import { HttpError, PROBLEM_CONTENT_TYPE, problemType, type FieldError, type Problem } from './problem.ts'

/** Renders a problem as a page for visitors whose browser posted a plain HTML form. */
export type HtmlProblemRenderer = (problem: Problem, request: FastifyRequest, locale: Locale) => string

export function localeOf (request: FastifyRequest): Locale {
  const body = request.body as { locale?: unknown } | undefined
  return requestLocale(typeof body === 'object' && body !== null ? body.locale : undefined, request.headers['accept-language'])
}

/** A browser posting a plain form (no JavaScript) wants a page back, not JSON. */
export function wantsHtml (request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? ''
  const accept = request.headers.accept ?? ''
  return type.startsWith('application/x-www-form-urlencoded') && accept.includes('text/html')
}

function localized (kind: ProblemKind, status: number, locale: Locale, extensions: Record<string, unknown> = {}): Problem {
  const p = PROBLEMS[kind]
  return { type: problemType(kind), title: p.title[locale], status, detail: p.detail[locale], ...extensions }
}

function fieldErrors (validation: Array<{ instancePath: string, message?: string, params: Record<string, unknown> }>, locale: Locale): FieldError[] {
  const seen = new Set<string>()
  const errors: FieldError[] = []
  for (const v of validation) {
    const field = v.instancePath.split('/').filter(Boolean)[0] ?? 'body'
    if (seen.has(field)) continue // one message per field: the first thing to fix
    seen.add(field)
    const code = v.message ?? 'invalid_value'
    const custom = v.params.params as { max?: number, min?: number } | undefined
    const min = (v.params.minimum as number | undefined) ?? custom?.min
    const max = (v.params.maximum as number | undefined) ?? custom?.max
    errors.push({ field, code, message: fieldMessage(code, locale, { min, max }) })
  }
  return errors
}

/** Turns any error into problem+json (RFC 9457); 5xx details stay in the log. */
export function toProblem (error: FastifyError | Error, request: FastifyRequest): { problem: Problem, headers: Record<string, string> } {
  const locale = localeOf(request)
  const requestId = request.id
  if (hasZodFastifySchemaValidationErrors(error)) {
    return { problem: localized('validation', 400, locale, { requestId, errors: fieldErrors(error.validation, locale) }), headers: {} }
  }
  if (error instanceof HttpError) {
    const base = error.type in PROBLEMS ? localized(error.type as ProblemKind, error.status, locale, error.extensions) : error.toProblem()
    return { problem: { ...base, requestId }, headers: error.headers }
  }
  const status = (error as FastifyError).statusCode
  const code = (error as FastifyError).code
  if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { problem: localized('too_large', 413, locale, { requestId }), headers: {} }
  if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { problem: localized('unsupported_media_type', 415, locale, { requestId }), headers: {} }
  if (status === 404) return { problem: localized('not_found', 404, locale, { requestId }), headers: {} }
  if (status !== undefined && status >= 400 && status < 500) return { problem: localized('malformed', 400, locale, { requestId }), headers: {} }
  if (isDatabaseError(error)) return { problem: localized('unavailable', 503, locale, { requestId }), headers: { 'retry-after': '5' } }
  return { problem: localized('internal', 500, locale, { requestId }), headers: {} }
}

export function registerErrorHandling (app: FastifyInstance, renderHtml: HtmlProblemRenderer): void {
  const send = (reply: FastifyReply, request: FastifyRequest, problem: Problem, headers: Record<string, string>) => {
    reply.code(problem.status).headers(headers)
    if (wantsHtml(request)) return reply.type('text/html; charset=utf-8').send(renderHtml(problem, request, localeOf(request)))
    return reply.type(PROBLEM_CONTENT_TYPE).send(problem)
  }

  app.setErrorHandler((error, request, reply) => {
    const { problem, headers } = toProblem(error as Error, request)
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    return send(reply, request, problem, headers)
  })

  app.setNotFoundHandler((request, reply) => {
    const { problem, headers } = toProblem(Object.assign(new Error('Not Found'), { statusCode: 404 }), request)
    return send(reply, request, problem, headers)
  })
}
