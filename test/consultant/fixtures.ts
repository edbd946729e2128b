import { randomUUID } from 'node:crypto'
import type { Database, Prisma } from '../../src/db/client.ts'
import { createApiKeyStore } from '../../src/consultant/api-keys.ts'
import { fold } from '../../src/text/fold.ts'
import { buildTestApp, type TestApp, type TestAppOptions } from '../helpers/app.ts'

// Fixtures for the consultant API's tests: an app with a key, and leads written straight to the
// database with exactly the fields a test needs.

export interface ConsultantTestApp extends TestApp {
  key: string
  auth: { authorization: string }
}

export async function buildConsultantApp (options: TestAppOptions = {}): Promise<ConsultantTestApp> {
  const h = await buildTestApp(options)
  const created = await createApiKeyStore({ db: h.db }).create('alice')
  return Object.assign(h, { key: created.key, auth: { authorization: `Bearer ${created.key}` } })
}

export type LeadFixture = Partial<Prisma.LeadUncheckedCreateInput> & { capabilities?: string[] }

let sequence = 0

/** A lead row as intake would store it (classified, not spam) with `overrides` applied. */
export function leadRow ({ capabilities: _c, ...overrides }: LeadFixture = {}): Prisma.LeadUncheckedCreateInput {
  sequence++
  const at = overrides.createdAt ?? new Date(Date.UTC(2026, 0, 5) + sequence * 1000)
  const row: Prisma.LeadUncheckedCreateInput = {
    id: randomUUID(),
    createdAt: at,
    lastActivityAt: at,
    status: 'new',
    fullName: `Prospect ${sequence}`,
    email: `prospect${sequence}@example.ma`,
    details: 'Nous voulons un assistant conversationnel pour notre service client.',
    locale: 'fr',
    projectType: 'implementation',
    sector: 'retail_ecommerce',
    language: 'fr',
    spam: false,
    spamScore: 0.02,
    score: 50,
    classifierVersion: 'test-1',
    classification: JSON.stringify({
      confidence: { projectType: 0.9, sector: 0.8, capabilities: 0.7, language: 0.99, spam: 0.98 },
      evidence: { projectType: ['assistant'], sector: ['client'], capabilities: {}, language: ['nous'], spam: [] },
      scoreReasons: [{ code: 'base', points: 10, detail: 'genuine request' }]
    }),
    searchText: '',
    ...overrides
  }
  if (!overrides.searchText) row.searchText = fold([row.fullName, row.email, row.company ?? '', row.details].join(' '))
  return row
}

export async function insertLead (db: Pick<Database, 'prisma'>, fixture: LeadFixture = {}): Promise<string> {
  const row = leadRow(fixture)
  await db.prisma.lead.create({ data: row })
  if (fixture.capabilities?.length) {
    await db.prisma.leadCapability.createMany({ data: fixture.capabilities.map(capability => ({ leadId: row.id, capability })) })
  }
  await db.prisma.leadEvent.create({ data: { id: randomUUID(), leadId: row.id, createdAt: row.createdAt as Date, type: 'created', actor: 'form', data: '{}' } })
  return row.id
}

/** Every consultant route, with an id that exists (`LEAD`) or not: for checks that apply to all. */
export function consultantRoutes (lead: string, delivery = 'd-1'): Array<{ method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object }> {
  return [
    { method: 'GET', url: '/api/leads' },
    { method: 'GET', url: '/api/leads/export.csv' },
    { method: 'GET', url: '/api/leads/export.ndjson' },
    { method: 'GET', url: `/api/leads/${lead}` },
    { method: 'PATCH', url: `/api/leads/${lead}`, payload: { status: 'contacted' } },
    { method: 'DELETE', url: `/api/leads/${lead}` },
    { method: 'GET', url: `/api/leads/${lead}/export` },
    { method: 'POST', url: `/api/leads/${lead}/notes`, payload: { body: 'Called back.' } },
    { method: 'GET', url: `/api/leads/${lead}/notes` },
    { method: 'POST', url: `/api/leads/${lead}/emails/${delivery}/retry` },
    { method: 'GET', url: '/api/stats' }
  ]
}
