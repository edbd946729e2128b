// Triage priority 0-100 from the signals a consultant looks for first (issue 3). All the weights
// live in PRIORITY_WEIGHTS so that changing what matters is a one-line, reviewable diff.
import type { Token } from '../text/tokens.ts'
import { normalizeArabic } from '../text/fold.ts'
import type { ProjectType } from './taxonomy.ts'
import type { ScoreReason } from './types.ts'

export const PRIORITY_WEIGHTS = {
  base: 10,
  companyEmail: 15, // a company domain rather than a free mailbox
  projectType: { implementation: 15, consulting: 12, training: 10, exploration: 4, other: 0 } satisfies Record<ProjectType, number>,
  concreteNeed: 10, // at least one kind of AI identified
  budget: 15,
  deadline: 10,
  decisionMaker: 10,
  detailsLong: 10, // enough to act on without a first call
  detailsShort: -10 // a line or less: hard to act on
} as const

const LONG_DETAILS = 200
const SHORT_DETAILS = 40

// Matched against folded tokens; Arabic forms are normalised like the text.
const BUDGET_WORDS = new Set(['budget', 'budgets', 'eur', 'euro', 'euros', 'usd', 'dollars', 'dh', 'dhs', 'mad', 'dirhams', 'keur', 'financement', 'funded', 'funding', 'ميزانيه', 'درهم', 'تمويل', 'flous'].map(w => normalizeArabic(w)))
const BUDGET_PATTERN = /(\d[\d\s.,]*\s?(k|000)?\s?(€|\$|eur|usd|dh|mad|درهم))|budget|ميزاني/i
const DEADLINE_WORDS = new Set(['delai', 'deadline', 'urgent', 'urgence', 'asap', 'semaine', 'semaines', 'week', 'weeks', 'mois', 'month', 'months', 'rentre', 'ramadan', 'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'septembre', 'octobre', 'novembre', 'decembre', 'january', 'february', 'march', 'april', 'june', 'july', 'september', 'october', 'november', 'december', 'season', 'saison', 'trimestre', 'quarter', 'timeline', 'timing', 'planing', 'المده', 'اجل', 'اسبوع', 'شهر', 'اشهر'].map(w => normalizeArabic(w)))
const DECISION_MAKER_WORDS = new Set(['directeur', 'directrice', 'director', 'direction', 'ceo', 'cto', 'coo', 'cfo', 'dg', 'pdg', 'fondateur', 'fondatrice', 'founder', 'cofounder', 'gerant', 'gerante', 'owner', 'proprietaire', 'president', 'presidente', 'head', 'chef', 'responsable', 'manager', 'lead', 'principal', 'associe', 'partner', 'مدير', 'مديره', 'رئيس', 'مسؤول', 'مسؤوله', 'lmodir', 'mol'].map(w => normalizeArabic(w)))

export interface PriorityInput {
  spam: boolean
  projectType: ProjectType
  capabilityCount: number
  freeMail: boolean
  details: string
  tokens: Token[]
}

export function priority (input: PriorityInput): { score: number, reasons: ScoreReason[] } {
  if (input.spam) return { score: 0, reasons: [{ code: 'spam', points: 0, detail: 'spam scores 0' }] }
  const w = PRIORITY_WEIGHTS
  const reasons: ScoreReason[] = [{ code: 'base', points: w.base, detail: 'genuine request' }]
  const words = input.tokens.filter(token => !token.negated).map(token => token.text)
  const has = (set: Set<string>): string | undefined => words.find(word => set.has(word))

  if (!input.freeMail) reasons.push({ code: 'company_email', points: w.companyEmail, detail: 'company e-mail domain' })
  const typePoints = w.projectType[input.projectType]
  if (typePoints > 0) reasons.push({ code: 'project_type', points: typePoints, detail: `project type ${input.projectType}` })
  if (input.capabilityCount > 0) reasons.push({ code: 'concrete_need', points: w.concreteNeed, detail: 'identified kind of AI' })
  const budget = BUDGET_PATTERN.exec(input.details)?.[0] ?? has(BUDGET_WORDS)
  if (budget) reasons.push({ code: 'budget', points: w.budget, detail: `budget mentioned ("${budget.trim()}")` })
  const deadline = has(DEADLINE_WORDS)
  if (deadline) reasons.push({ code: 'deadline', points: w.deadline, detail: `timing mentioned ("${deadline}")` })
  const role = has(DECISION_MAKER_WORDS)
  if (role) reasons.push({ code: 'decision_maker', points: w.decisionMaker, detail: `decision-maker ("${role}")` })
  const length = input.details.trim().length
  if (length >= LONG_DETAILS) reasons.push({ code: 'details_long', points: w.detailsLong, detail: `detailed request (${length} chars)` })
  else if (length < SHORT_DETAILS) reasons.push({ code: 'details_short', points: w.detailsShort, detail: `very short request (${length} chars)` })

  const total = reasons.reduce((sum, reason) => sum + reason.points, 0)
  return { score: Math.max(0, Math.min(100, total)), reasons }
}
