import { z } from 'zod'
import { CAPABILITY_LABELS, PROJECT_TYPE_LABELS, SECTOR_LABELS, type Locale } from '../classification/taxonomy.ts'
import type { StoredLead } from '../leads/service.ts'
import type { EmailVars } from './emails.ts'

// From a stored lead to each email's variables. Pure: the hook and the tests call these directly.

export type AckOutcome = EmailVars<'consultant'>['acknowledgement']

export const leadUrl = (publicBaseUrl: string, id: string) => `${publicBaseUrl}/api/leads/${encodeURIComponent(id)}`

// The JSON text intake stores in Lead.classification; read leniently, as an older or failed
// classification may have left it partial.
const storedClassification = z.object({
  confidence: z.record(z.string(), z.number()).catch({}),
  evidence: z.object({
    projectType: z.array(z.string()).catch([]),
    sector: z.array(z.string()).catch([]),
    language: z.array(z.string()).catch([]),
    capabilities: z.record(z.string(), z.array(z.string())).catch({})
  }).partial().catch({}),
  scoreReasons: z.array(z.object({ code: z.string(), points: z.number(), detail: z.string() })).catch([])
}).partial()

function parseStored (text: string | null): z.infer<typeof storedClassification> {
  if (!text) return {}
  try { return storedClassification.catch({}).parse(JSON.parse(text)) } catch { return {} }
}

const joined = (words: string[] | undefined) => words && words.length > 0 ? words.join(', ') : null

function label (labels: Record<string, Record<Locale, string>>, code: string | null, locale: Locale): string | null {
  if (!code) return null
  return labels[code]?.[locale] ?? code
}

// Building an Intl formatter costs far more than formatting with one: one per locale, kept.
// Arabic keeps Latin digits, as the rest of the message does.
function perLocale<F> (make: (tag: string) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>()
  return locale => {
    let format = made.get(locale)
    if (!format) {
      format = make(locale === 'ar' ? 'ar-u-nu-latn' : locale)
      made.set(locale, format)
    }
    return format
  }
}

const dateFormat = perLocale(tag => new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }))
const percentFormat = perLocale(tag => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }))

export function receivedAt (date: Date, locale: Locale): string {
  return `${dateFormat(locale).format(date)} UTC`
}

export interface ConsultantContext {
  locale: Locale
  publicBaseUrl: string
  capabilities: string[]
  acknowledgement: AckOutcome
}

/** Everything the form stored, plus the classification when the lead has one. */
export function consultantVars (lead: StoredLead, { locale, publicBaseUrl, capabilities, acknowledgement }: ConsultantContext): EmailVars<'consultant'> {
  const percent = percentFormat(locale)
  const stored = parseStored(lead.classification)
  const confidence = (axis: string) => {
    const c = stored.confidence?.[axis]
    return c === undefined ? null : percent.format(c)
  }
  const axis = (name: 'projectType' | 'sector' | 'language', value: string | null) =>
    value === null ? null : { label: value, confidence: confidence(name), evidence: joined(stored.evidence?.[name]) }
  const classified = lead.classifierVersion !== null || lead.projectType !== null || capabilities.length > 0
  const utm = Object.entries({ utm_source: lead.utmSource, utm_medium: lead.utmMedium, utm_campaign: lead.utmCampaign, utm_term: lead.utmTerm, utm_content: lead.utmContent })
    .flatMap(([name, value]) => value === null ? [] : [{ name, value }])
  return {
    leadUrl: leadUrl(publicBaseUrl, lead.id),
    receivedAt: receivedAt(lead.createdAt, locale),
    lead: {
      fullName: lead.fullName,
      email: lead.email,
      company: lead.company,
      phone: lead.phone,
      projectTypeRaw: lead.projectTypeRaw,
      details: lead.details,
      locale: lead.locale,
      consent: lead.consent,
      consentVersion: lead.consentVersion
    },
    origin: { pageUrl: lead.pageUrl, referrer: lead.referrer, utm },
    classification: classified
      ? {
          projectType: axis('projectType', label(PROJECT_TYPE_LABELS, lead.projectType, locale)),
          sector: axis('sector', label(SECTOR_LABELS, lead.sector, locale)),
          language: axis('language', lead.language),
          capabilities: capabilities.map(c => ({
            label: label(CAPABILITY_LABELS, c, locale)!,
            evidence: joined(stored.evidence?.capabilities?.[c])
          })),
          score: lead.score,
          spamScore: lead.spamScore === null ? null : percent.format(lead.spamScore),
          scoreReasons: stored.scoreReasons ?? []
        }
      : null,
    acknowledgement
  }
}

// Anything that could carry a link or an address: scheme://…, www.…, a@b, or a dotted host name.
const LINKISH = /\S*(?:[\p{L}\p{N}+.-]+:\/\/|www\.|@|\.\p{L}{2,})\S*/giu
const NAME_WORD = /^[\p{L}\p{M}'’-]{1,40}$/u

/**
 * The first word of a full name, if it is plainly a name: the acknowledgement may greet the
 * prospect but must not carry their text (a link, an address, a sentence) to whoever owns the address.
 */
export function firstName (fullName: string): string | null {
  const first = fullName.normalize('NFC').replace(LINKISH, ' ').trim().split(/[\s\u0085\u2028\u2029]+/u)[0] ?? ''
  return NAME_WORD.test(first) ? first : null
}
