import { z } from 'zod'
import { problemSchema as baseProblemSchema } from '../http/problem.ts'
import { CAPABILITIES, LANGUAGES, PROJECT_TYPES, SECTORS } from '../classification/taxonomy.ts'
import { STATUSES } from './pipeline.ts'

// Request and response shapes of the consultant API. Responses list their fields explicitly, so
// serialization drops anything (hashes, fingerprints, raw payloads) not meant to leave.

/** A comma-separated list in a query string: ?status=new,contacted */
function csvOf<T extends readonly [string, ...string[]]> (values: T) {
  return z.string().transform(s => s.split(',').map(x => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).min(1))
}

const isoDate = z.string().refine(s => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s), 'must be an ISO 8601 date or date-time')
  .transform(s => new Date(s))

export const leadFilterSchema = z.object({
  status: csvOf(STATUSES).optional().describe('One or more statuses, comma-separated'),
  projectType: csvOf(PROJECT_TYPES).optional(),
  sector: csvOf(SECTORS).optional(),
  capability: csvOf(CAPABILITIES).optional().describe('Leads with at least one of these kinds of AI'),
  language: csvOf(LANGUAGES).optional(),
  spam: z.enum(['false', 'true', 'any']).optional().describe('Spam is left out (false) unless asked for: true (only spam), any, or ?status=spam'),
  scoreMin: z.coerce.number().int().min(0).max(100).optional(),
  scoreMax: z.coerce.number().int().min(0).max(100).optional(),
  createdFrom: isoDate.optional().describe('Created at or after (ISO 8601)'),
  createdTo: isoDate.optional().describe('Created before (ISO 8601)'),
  q: z.string().trim().min(1).max(200).optional().describe('Words in the name, e-mail, company or details; case and accents ignored')
})

export type LeadFilter = z.output<typeof leadFilterSchema>

export const SORT_FIELDS = ['createdAt', 'score'] as const
export type SortField = typeof SORT_FIELDS[number]

export const sortSchema = z.object({
  sort: z.enum(SORT_FIELDS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc')
})

export const leadListQuerySchema = leadFilterSchema.extend(sortSchema.shape).extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional().describe('The nextCursor of the previous page')
})

export const leadExportQuerySchema = leadFilterSchema.extend(sortSchema.shape)

export const statsQuerySchema = z.object({
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional()
})

export const leadParamsSchema = z.object({ id: z.string().min(1).max(100) })
export const retryParamsSchema = leadParamsSchema.extend({ deliveryId: z.string().min(1).max(100) })

const shortText = (max: number) => z.string().trim().min(1).max(max)

export const leadPatchSchema = z.object({
  status: z.enum(STATUSES).optional(),
  lostReason: shortText(500).nullable().optional(),
  tags: z.array(shortText(40)).max(20).transform(tags => [...new Set(tags)]).optional(),
  assignee: shortText(120).nullable().optional(),
  projectType: z.enum(PROJECT_TYPES).optional(),
  sector: z.enum(SECTORS).optional(),
  capabilities: z.array(z.enum(CAPABILITIES)).max(CAPABILITIES.length).transform(c => [...new Set(c)].sort()).optional(),
  spam: z.boolean().optional()
}).strict().refine(p => Object.values(p).some(v => v !== undefined), 'nothing to change')

export type LeadPatch = z.output<typeof leadPatchSchema>

export const noteInputSchema = z.object({ body: z.string().trim().min(1).max(10_000) }).strict()

export const ifMatchHeaders = z.object({ 'if-match': z.string().max(100).optional() })

// ---- responses ----

const date = z.string().describe('ISO 8601 date-time')

export const problemSchema = baseProblemSchema.extend({
  from: z.string().optional().describe('409 on a status change: the lead\'s status'),
  to: z.string().optional().describe('409 on a status change: the status asked for'),
  allowed: z.array(z.string()).optional().describe('409 on a status change: the statuses the lead may move to'),
  deliveryStatus: z.string().optional().describe('409 on a retry: the delivery\'s state')
}).describe('An RFC 9457 problem')

export const leadSummarySchema = z.object({
  id: z.string(),
  createdAt: date,
  updatedAt: date,
  version: z.number().int(),
  status: z.enum(STATUSES),
  fullName: z.string().nullable().describe('null once erased'),
  email: z.string().nullable(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  projectType: z.string().nullable(),
  sector: z.string().nullable(),
  language: z.string().nullable(),
  capabilities: z.array(z.string()),
  spam: z.boolean(),
  spamScore: z.number().nullable(),
  score: z.number().int().nullable(),
  tags: z.array(z.string()),
  assignee: z.string().nullable(),
  lostReason: z.string().nullable(),
  firstContactedAt: date.nullable(),
  lastActivityAt: date,
  erasedAt: date.nullable()
})

export const leadListSchema = z.object({
  items: z.array(leadSummarySchema),
  nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page')
})

export const noteSchema = z.object({ id: z.string(), createdAt: date, author: z.string(), body: z.string().nullable() })
export const notesSchema = z.object({ items: z.array(noteSchema) })

export const timelineEventSchema = z.object({
  id: z.string(),
  at: date,
  type: z.string().describe('created, status_changed, updated, reclassified, note_added, email_queued, email_sent, email_failed, email_skipped, email_retried, erased'),
  actor: z.string(),
  data: z.record(z.string(), z.unknown())
})

export const emailDeliverySchema = z.object({
  id: z.string(),
  kind: z.string(),
  recipient: z.string().nullable(),
  status: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: date,
  lastError: z.string().nullable(),
  sentAt: date.nullable(),
  createdAt: date,
  updatedAt: date
})

export const classificationSchema = z.object({
  classifierVersion: z.string().nullable(),
  confidence: z.record(z.string(), z.number()).nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable().describe('The words and signals behind each decision'),
  scoreReasons: z.array(z.object({ code: z.string(), points: z.number(), detail: z.string().optional() })).nullable()
})

export const leadDetailSchema = leadSummarySchema.extend({
  details: z.string().nullable(),
  projectTypeRaw: z.string().nullable(),
  locale: z.string(),
  consent: z.boolean(),
  consentAt: date.nullable(),
  consentVersion: z.string().nullable(),
  origin: z.object({
    pageUrl: z.string().nullable(),
    referrer: z.string().nullable(),
    utmSource: z.string().nullable(),
    utmMedium: z.string().nullable(),
    utmCampaign: z.string().nullable(),
    utmTerm: z.string().nullable(),
    utmContent: z.string().nullable()
  }),
  classification: classificationSchema,
  notes: z.array(noteSchema),
  timeline: z.array(timelineEventSchema),
  emails: z.array(emailDeliverySchema)
})

export const subjectExportSchema = z.object({
  exportedAt: date,
  lead: leadDetailSchema,
  fingerprints: z.object({ ipHash: z.string().nullable(), userAgent: z.string().nullable() }),
  classificationCorrections: z.array(z.object({ createdAt: date, actor: z.string(), axis: z.string(), value: z.unknown() })),
  emailMessages: z.array(z.object({ id: z.string(), kind: z.string(), recipient: z.string().nullable(), messageId: z.string(), payload: z.unknown() }))
}).describe('Everything held about the person (data-subject access request)')

const counts = z.record(z.string(), z.number().int())

export const statsSchema = z.object({
  total: z.number().int().describe('All leads, spam and erased included'),
  spam: z.number().int(),
  byStatus: counts,
  byProjectType: counts.describe('Non-spam leads; "unclassified" when the classifier had no answer'),
  bySector: counts,
  byLanguage: counts,
  byWeek: z.array(z.object({ week: z.string().describe('ISO week, e.g. 2026-W05'), count: z.number().int() })),
  conversion: z.object({ won: z.number().int(), nonSpam: z.number().int(), rate: z.number().nullable() }),
  medianHoursToFirstContact: z.number().nullable(),
  waitingUncontacted: z.object({ thresholdHours: z.number(), count: z.number().int(), oldestCreatedAt: date.nullable() })
})

export type Stats = z.input<typeof statsSchema>
export type LeadSummary = z.input<typeof leadSummarySchema>
export type LeadDetail = z.input<typeof leadDetailSchema>
export type Note = z.input<typeof noteSchema>
export type TimelineEvent = z.input<typeof timelineEventSchema>
export type EmailDelivery = z.input<typeof emailDeliverySchema>
export type SubjectExport = z.input<typeof subjectExportSchema>
