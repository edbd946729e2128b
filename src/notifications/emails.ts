import { z } from 'zod'

// Every email Leadline sends and the variables its templates may use. Rendering validates the
// variables against these schemas, so a missing one fails the render instead of printing "undefined".
// Optional values are nullable, never absent: a template can tell "not given" from "forgotten".

const nullableText = z.string().nullable()

const axis = z.object({ label: z.string(), confidence: nullableText, evidence: nullableText })

export const consultantVars = z.object({
  leadUrl: z.string().url(),
  receivedAt: z.string(),
  lead: z.object({
    fullName: z.string(),
    email: z.string(),
    company: nullableText,
    phone: nullableText,
    projectTypeRaw: nullableText,
    details: z.string(),
    locale: z.string(),
    consent: z.boolean(),
    consentVersion: nullableText
  }),
  origin: z.object({
    pageUrl: nullableText,
    referrer: nullableText,
    utm: z.array(z.object({ name: z.string(), value: z.string() }))
  }),
  classification: z.object({
    projectType: axis.nullable(),
    sector: axis.nullable(),
    language: axis.nullable(),
    capabilities: z.array(z.object({ label: z.string(), evidence: nullableText })),
    score: z.number().nullable(),
    spamScore: nullableText,
    scoreReasons: z.array(z.object({ code: z.string(), points: z.number(), detail: z.string() }))
  }).nullable(),
  /** What became of the prospect's acknowledgement, so the consultant knows whether one went out. */
  acknowledgement: z.enum(['queued', 'disabled', 'address_limit', 'hourly_limit'])
})

export const ackVars = z.object({
  /** The first name only, or null: the acknowledgement never carries the prospect's free text. */
  firstName: z.string().regex(/^[\p{L}\p{M}'’-]{1,40}$/u).nullable(),
  signature: z.string()
})

export const alertVars = z.object({
  reason: z.enum(['delivery_failed', 'ack_hourly_limit']),
  /** The start of the period the alert covers (one alert per period). */
  since: z.string(),
  kind: nullableText,
  errorCode: nullableText,
  leadUrl: z.string().url().nullable()
})

export const EMAILS = { consultant: consultantVars, ack: ackVars, alert: alertVars } as const

export type EmailName = keyof typeof EMAILS
export const EMAIL_NAMES = Object.keys(EMAILS) as EmailName[]
export type EmailVars<N extends EmailName> = z.input<typeof EMAILS[N]>
