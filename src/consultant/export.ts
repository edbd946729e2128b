import type { ExportedLead } from './lead-query.ts'
import { toSummary } from './service.ts'

// Bulk exports, produced row by row from pages of leads so memory does not grow with the count.
// CSV follows RFC 4180 (CRLF, quotes doubled), starts with a UTF-8 BOM so Excel reads accents and
// Arabic correctly, and neutralises cells a spreadsheet would run as a formula (OWASP "CSV injection").

type Cell = string | number | boolean | null

const COLUMNS: Array<[header: string, value: (lead: ExportedLead) => Cell]> = [
  ['id', l => l.id],
  ['createdAt', l => l.createdAt.toISOString()],
  ['status', l => l.status],
  ['fullName', l => l.fullName],
  ['email', l => l.email],
  ['phone', l => l.phone],
  ['company', l => l.company],
  ['projectType', l => l.projectType],
  ['sector', l => l.sector],
  ['capabilities', l => l.capabilities.map(c => c.capability).join(';')],
  ['language', l => l.language],
  ['score', l => l.score],
  ['spam', l => l.spam],
  ['tags', l => toSummary(l).tags.join(';')],
  ['assignee', l => l.assignee],
  ['lostReason', l => l.lostReason],
  ['firstContactedAt', l => l.firstContactedAt?.toISOString() ?? null],
  ['lastActivityAt', l => l.lastActivityAt.toISOString()],
  ['locale', l => l.locale],
  ['pageUrl', l => l.pageUrl],
  ['utmSource', l => l.utmSource],
  ['utmMedium', l => l.utmMedium],
  ['utmCampaign', l => l.utmCampaign],
  ['details', l => l.details]
]

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One CSV field: text that a spreadsheet would evaluate gets a leading apostrophe, then RFC 4180 quoting. */
export function csvCell (value: Cell): string {
  if (value === null) return ''
  if (typeof value !== 'string') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvRow = (cells: Cell[]): string => cells.map(csvCell).join(',') + '\r\n'

export async function * csvLines (pages: AsyncIterable<ExportedLead[]>): AsyncGenerator<string> {
  yield '\uFEFF' + csvRow(COLUMNS.map(([header]) => header))
  for await (const page of pages) {
    yield page.map(lead => csvRow(COLUMNS.map(([, value]) => value(lead)))).join('')
  }
}

export async function * ndjsonLines (pages: AsyncIterable<ExportedLead[]>): AsyncGenerator<string> {
  for await (const page of pages) {
    yield page.map(lead => JSON.stringify({ ...toSummary(lead), details: lead.details, locale: lead.locale, pageUrl: lead.pageUrl, utmSource: lead.utmSource, utmMedium: lead.utmMedium, utmCampaign: lead.utmCampaign }) + '\n').join('')
  }
}
