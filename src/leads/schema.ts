import { z } from 'zod'
import { LOCALES } from '../classification/taxonomy.ts'

// The public form's fields. Each check reports one of the codes that src/http/messages.ts
// explains to the visitor in their language.

// Characters that could break a header or a line, or disguise text (RFC 5322 §2.2, Unicode TR9
// explicit embeddings, overrides and isolates), plus the byte-order mark.
const BREAKS_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/
const BREAKS_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/

const LIMITS = {
  fullName: { min: 2, max: 120 },
  email: { max: 254 },
  projectType: { max: 120 },
  details: { min: 10, max: 5000 },
  company: { max: 160 },
  phone: { max: 32 },
  url: { max: 2000 },
  utm: { max: 200 }
} as const

function typeError (issue: { input?: unknown }): string {
  return issue.input === undefined || issue.input === null || issue.input === '' ? 'required' : 'invalid_type'
}

function text ({ min = 1, max, multiline = false }: { min?: number, max: number, multiline?: boolean }) {
  const forbidden = multiline ? BREAKS_MULTI_LINE : BREAKS_SINGLE_LINE
  return z.string({ error: typeError })
    .transform(s => {
      const nfc = s.normalize('NFC')
      return (multiline ? nfc.replace(/\r\n?/g, '\n') : nfc).trim()
    })
    .check(ctx => {
      if (ctx.value === '') ctx.issues.push({ code: 'custom', message: 'required', input: ctx.value })
      else if (!ctx.value.isWellFormed() || forbidden.test(ctx.value)) {
        ctx.issues.push({ code: 'custom', message: 'invalid_characters', input: ctx.value })
      }
    })
    .pipe(z.string()
      .min(min, { error: min <= 1 ? 'required' : 'too_short' })
      .max(max, { error: 'too_long' }))
}

/** Empty strings, as HTML forms send for untouched fields, mean "not given". */
function optional<T extends z.ZodType> (schema: T) {
  return z.preprocess(v => (typeof v === 'string' && v.trim() === '') || v === null ? undefined : v, schema.optional())
}

// One address, unquoted local part (RFC 5321 §4.1.2 dot-atom), domain labels of letters, digits and
// hyphens. Quoted local parts and comments are refused: they are how address lists and header
// tricks get in.
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u

const email = z.string({ error: typeError })
  .transform(s => s.normalize('NFC').trim())
  .check(ctx => {
    const v = ctx.value
    if (v === '') ctx.issues.push({ code: 'custom', message: 'required', input: v })
    else if (BREAKS_SINGLE_LINE.test(v) || !v.isWellFormed()) ctx.issues.push({ code: 'custom', message: 'invalid_characters', input: v })
    else if (v.length > LIMITS.email.max) ctx.issues.push({ code: 'custom', message: 'too_long', input: v, params: { max: LIMITS.email.max } })
    else if ((v.match(/@/g) ?? []).length > 1 || /[,;]/.test(v)) ctx.issues.push({ code: 'custom', message: 'single_email', input: v })
    else if (!EMAIL.test(v)) ctx.issues.push({ code: 'custom', message: 'invalid_email', input: v })
  })
  .transform(v => {
    const at = v.lastIndexOf('@')
    return v.slice(0, at) + '@' + v.slice(at + 1).toLowerCase()
  })

const httpUrl = text({ max: LIMITS.url.max }).check(ctx => {
  let ok = false
  try { ok = ['http:', 'https:'].includes(new URL(ctx.value).protocol) } catch {}
  if (!ok) ctx.issues.push({ code: 'custom', message: 'invalid_url', input: ctx.value })
})

const phone = text({ max: LIMITS.phone.max }).check(ctx => {
  if (!/^\+?[0-9 ().-]{6,}$/.test(ctx.value)) ctx.issues.push({ code: 'custom', message: 'invalid_phone', input: ctx.value })
})

const TRUE = ['true', 'on', '1', 'yes', 'oui']
const FALSE = ['false', 'off', '0', 'no', 'non']
const consent = z.union([z.boolean(), z.string().transform((v, ctx) => {
  const s = v.trim().toLowerCase()
  if (TRUE.includes(s)) return true
  if (FALSE.includes(s)) return false
  ctx.issues.push({ code: 'custom', message: 'invalid_value', input: v })
  return z.NEVER
})], { error: 'invalid_value' })

/** A language tag such as "fr-MA" names our French; tags we do not serve fall back to Accept-Language. */
const locale = z.string({ error: 'invalid_type' }).transform(v => {
  const primary = v.trim().toLowerCase().split(/[-_]/)[0]
  return LOCALES.find(l => l === primary)
})

export const leadInputSchema = z.object({
  fullName: text(LIMITS.fullName),
  email,
  projectType: optional(text({ max: LIMITS.projectType.max })),
  details: text({ ...LIMITS.details, multiline: true }),
  company: optional(text({ max: LIMITS.company.max })),
  phone: optional(phone),
  locale: optional(locale),
  consent: optional(consent),
  consentVersion: optional(text({ max: 40 })),
  pageUrl: optional(httpUrl),
  referrer: optional(httpUrl),
  utmSource: optional(text({ max: LIMITS.utm.max })),
  utmMedium: optional(text({ max: LIMITS.utm.max })),
  utmCampaign: optional(text({ max: LIMITS.utm.max })),
  utmTerm: optional(text({ max: LIMITS.utm.max })),
  utmContent: optional(text({ max: LIMITS.utm.max })),
  // Honeypot: hidden from people, filled in by bots. Any value at all marks the submission as spam.
  website: z.unknown().optional(),
  redirect: z.unknown().optional()
}, { error: 'invalid_body' })

export type LeadInput = z.output<typeof leadInputSchema>

/** Field names other sites' forms already use, mapped to ours. */
const ALIASES: Record<string, keyof LeadInput> = {
  name: 'fullName',
  full_name: 'fullName',
  message: 'details',
  type: 'projectType',
  project_type: 'projectType',
  page_url: 'pageUrl',
  utm_source: 'utmSource',
  utm_medium: 'utmMedium',
  utm_campaign: 'utmCampaign',
  utm_term: 'utmTerm',
  utm_content: 'utmContent'
}

/** A copy of the body with aliases renamed; our own name wins when both are sent. */
export function applyAliases (body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body
  const out: Record<string, unknown> = Object.create(null)
  for (const [k, v] of Object.entries(body)) out[k] = v
  for (const [alias, field] of Object.entries(ALIASES)) {
    if (out[field] === undefined && out[alias] !== undefined) out[field] = out[alias]
  }
  return out
}

export const leadCreatedSchema = z.object({
  id: z.string(),
  duplicate: z.boolean()
})
