import { z } from 'zod'

// Every error leaves as application/problem+json (RFC 9457) with the same shape and a request id.

export interface FieldError { field: string, code: string, message: string }

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  requestId?: string
  errors?: FieldError[]
  [extension: string]: unknown
}

/** An error that knows what the client should be told. Anything else becomes a bare 500. */
export class HttpError extends Error {
  constructor (
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(detail)
    this.name = 'HttpError'
  }

  toProblem (): Problem {
    return { type: problemType(this.type), title: this.title, status: this.status, detail: this.message, ...this.extensions }
  }
}

export const problemType = (slug: string): string => `https://leadline.dev/problems/${slug}`

/** The shape every route declares for its error responses; routes may extend it. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional()
})

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'
