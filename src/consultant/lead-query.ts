import { decodeRow, placeholders, type Sql, type SqlValue } from '../db/sql.ts'
import { fold } from '../text/fold.ts'
import type { Keyset } from './cursor.ts'
import type { ListOrder, StoredLead } from './repository.ts'
import type { LeadFilter } from './schemas.ts'

// The lead list and the exports, in plain SQL (the consultant's most frequent read; through
// Prisma's findMany it cost about 4 ms of CPU a page). One statement for both databases.

interface Clause { sql: string, params: SqlValue[] }

/**
 * The folded words of a query. They are matched with LIKE, whose wildcards % and _ are taken as word
 * separators here, never as wildcards (SQLite's LIKE has no escape character by default).
 */
function searchTerms (q: string): string[] {
  return fold(q.replace(/[%_\\]/g, ' ')).split(' ').filter(Boolean)
}

const anyOf = (column: string, values: readonly string[]): Clause =>
  ({ sql: `"${column}" IN (${placeholders(values)})`, params: [...values] })

/** The conditions for the list's query parameters; erased leads are never listed. */
function filterClauses (f: LeadFilter): Clause[] {
  const clauses: Clause[] = [{ sql: '"erasedAt" IS NULL', params: [] }]
  // Spam is left out unless asked for, by ?spam= or by asking for the spam status itself.
  const spam = f.spam ?? (f.status?.includes('spam') ? 'any' : 'false')
  if (spam !== 'any') clauses.push({ sql: '"spam" = ?', params: [spam === 'true'] })
  if (f.status) clauses.push(anyOf('status', f.status))
  if (f.projectType) clauses.push(anyOf('projectType', f.projectType))
  if (f.sector) clauses.push(anyOf('sector', f.sector))
  if (f.language) clauses.push(anyOf('language', f.language))
  if (f.capability) {
    clauses.push({
      sql: `EXISTS (SELECT 1 FROM "LeadCapability" c WHERE c."leadId" = "Lead"."id" AND c."capability" IN (${placeholders(f.capability)}))`,
      params: [...f.capability]
    })
  }
  if (f.scoreMin !== undefined) clauses.push({ sql: '"score" >= ?', params: [f.scoreMin] })
  if (f.scoreMax !== undefined) clauses.push({ sql: '"score" <= ?', params: [f.scoreMax] })
  if (f.createdFrom) clauses.push({ sql: '"createdAt" >= ?', params: [f.createdFrom] })
  if (f.createdTo) clauses.push({ sql: '"createdAt" < ?', params: [f.createdTo] })
  // searchText is fold(name email company details): folding the query the same way makes the
  // match case-, accent- and Arabic-variant-insensitive with a plain LIKE on both databases.
  if (f.q) {
    const terms = searchTerms(f.q)
    if (terms.length === 0) clauses.push({ sql: '1 = 0', params: [] })
    for (const term of terms) clauses.push({ sql: '"searchText" LIKE ?', params: [`%${term}%`] })
  }
  return clauses
}

/** Rows strictly after the keyset in the list's order (null scores sort last either way). */
function after (k: Keyset): Clause {
  const beyond = k.order === 'desc' ? '<' : '>'
  const upTo = k.order === 'desc' ? '<=' : '>='
  // "value ≤ v AND (value < v OR id < last)": the first bound lets the index seek to the page.
  if (k.sort === 'createdAt') {
    const at = new Date(k.value ?? 0)
    return { sql: `"createdAt" ${upTo} ? AND ("createdAt" ${beyond} ? OR "id" ${beyond} ?)`, params: [at, at, k.id] }
  }
  if (k.value === null) return { sql: `"score" IS NULL AND "id" ${beyond} ?`, params: [k.id] }
  return { sql: `(("score" ${upTo} ? AND ("score" ${beyond} ? OR "id" ${beyond} ?)) OR "score" IS NULL)`, params: [k.value, k.value, k.id] }
}

function orderBy ({ sort, order }: ListOrder): string {
  const direction = order === 'desc' ? 'DESC' : 'ASC'
  return sort === 'score'
    ? `"score" ${direction} NULLS LAST, "id" ${direction}`
    : `"createdAt" ${direction}, "id" ${direction}`
}

/** What the list shows of a lead (the search copy and the classification's evidence stay out). */
const LISTED = ['id', 'createdAt', 'updatedAt', 'version', 'status', 'fullName', 'email', 'company', 'phone', 'projectType', 'sector',
  'language', 'spam', 'spamScore', 'score', 'tags', 'assignee', 'lostReason', 'firstContactedAt', 'lastActivityAt', 'erasedAt'] as const
/** What the exports add. */
const EXPORTED = [...LISTED, 'details', 'locale', 'pageUrl', 'utmSource', 'utmMedium', 'utmCampaign'] as const

interface WithCapabilities { capabilities: Array<{ capability: string }> }
export type ListedLead = Pick<StoredLead, typeof LISTED[number]> & WithCapabilities
export type ExportedLead = Pick<StoredLead, typeof EXPORTED[number]> & WithCapabilities

// The timestamp and boolean columns among those read, decoded as Prisma returns them.
const DATES = ['createdAt', 'updatedAt', 'firstContactedAt', 'lastActivityAt', 'erasedAt'] as const
const BOOLEANS = ['spam'] as const

/** One page of leads, in the list's order, each with its capabilities. */
export const listLeads = (sql: Sql, filter: LeadFilter, order: ListOrder, from: Keyset | undefined, take: number): Promise<ListedLead[]> =>
  leadPage(sql, LISTED, filter, order, from, take)

/** One page of leads with everything the exports write. */
export const exportLeads = (sql: Sql, filter: LeadFilter, order: ListOrder, from: Keyset | undefined, take: number): Promise<ExportedLead[]> =>
  leadPage(sql, EXPORTED, filter, order, from, take)

async function leadPage<K extends keyof StoredLead> (sql: Sql, columns: readonly K[], filter: LeadFilter, order: ListOrder, from: Keyset | undefined, take: number): Promise<Array<Pick<StoredLead, K> & WithCapabilities>> {
  const clauses = filterClauses(filter)
  if (from) clauses.push(after(from))
  const leads = (await sql.all(
    `SELECT ${columns.map(c => `"${c}"`).join(', ')} FROM "Lead" WHERE ${clauses.map(c => c.sql).join(' AND ')} ORDER BY ${orderBy(order)} LIMIT ?`,
    [...clauses.flatMap(c => c.params), take])).map(row => decodeRow<Pick<StoredLead, K> & { id: string }>(row, { dates: DATES, booleans: BOOLEANS }))
  if (leads.length === 0) return []
  const ids = leads.map(l => l.id)
  const capabilities = new Map<string, Array<{ capability: string }>>(ids.map(id => [id, []]))
  for (const { leadId, capability } of await sql.all<{ leadId: string, capability: string }>(
    `SELECT "leadId", "capability" FROM "LeadCapability" WHERE "leadId" IN (${placeholders(ids)}) ORDER BY "capability"`, ids)) {
    capabilities.get(leadId)!.push({ capability })
  }
  return leads.map(lead => ({ ...lead, capabilities: capabilities.get(lead.id)! }))
}
