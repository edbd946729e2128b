import type { FastifyRequest } from 'fastify'
import type { Locale } from '../classification/taxonomy.ts'
import type { HtmlProblemRenderer } from '../http/error-handler.ts'
import type { Problem } from '../http/problem.ts'
import { renderFormPage, type FormSettings } from '../form/render.ts'

/** What the visitor typed, as text: anything else (arrays, objects, a body that never parsed) is dropped. */
function sentValues (request: FastifyRequest): Record<string, string> {
  const body = request.body
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {}
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

/**
 * The page a visitor sees when their plain HTML form post needs fixing: the form again, with what
 * they typed (escaped by the renderer) and each message next to its field.
 */
export function problemPage (settings: FormSettings): HtmlProblemRenderer {
  return (problem: Problem, request: FastifyRequest, locale: Locale) => renderFormPage(settings, {
    locale,
    values: sentValues(request),
    errors: problem.errors,
    problem: { title: problem.title, detail: problem.detail }
  })
}
