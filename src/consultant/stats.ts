import type { Database, Prisma } from '../db/client.ts'
import type { Stats } from './schemas.ts'

// The consultant's figures. Counts come from GROUP BY; weeks and the median are computed here from a
// scan of two dates per lead in pages, the same on both databases (their date functions differ).

const HOUR_MS = 3_600_000
const PAGE = 5_000

export interface StatsOptions {
  now: Date
  /** A new lead nobody contacted for longer than this is "waiting". */
  staleLeadHours: number
  createdFrom?: Date
  createdTo?: Date
}

/** ISO 8601 week of a date in UTC, e.g. 2026-W05 (weeks start on Monday; week 1 holds January 4th). */
export function isoWeek (d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const weekday = day.getUTCDay() || 7
  day.setUTCDate(day.getUTCDate() + 4 - weekday) // the Thursday of this week decides its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1)
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7)
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

export function median (values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const round2 = (n: number): number => Math.round(n * 100) / 100

export async function computeStats (db: Pick<Database, 'prisma'>, o: StatsOptions): Promise<Stats> {
  const { prisma } = db
  const created: Prisma.DateTimeFilter = {}
  if (o.createdFrom) created.gte = o.createdFrom
  if (o.createdTo) created.lt = o.createdTo
  const all: Prisma.LeadWhereInput = o.createdFrom || o.createdTo ? { createdAt: created } : {}
  const genuine: Prisma.LeadWhereInput = { ...all, spam: false }

  const countBy = async (field: 'status' | 'projectType' | 'sector' | 'language', where: Prisma.LeadWhereInput) => {
    const groups = await prisma.lead.groupBy({ by: [field], where, _count: { _all: true } })
    const entries = groups.map(g => [g[field] ?? 'unclassified', g._count._all] as const)
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)))
  }

  const [byStatus, byProjectType, bySector, byLanguage, total, spam, won] = await Promise.all([
    countBy('status', all),
    countBy('projectType', genuine),
    countBy('sector', genuine),
    countBy('language', genuine),
    prisma.lead.count({ where: all }),
    prisma.lead.count({ where: { ...all, spam: true } }),
    prisma.lead.count({ where: { ...genuine, status: 'won' } })
  ])

  const weeks = new Map<string, number>()
  const hoursToContact: number[] = []
  let nonSpam = 0
  let cursor: string | undefined
  for (;;) {
    const page = await prisma.lead.findMany({
      where: genuine,
      select: { id: true, createdAt: true, firstContactedAt: true },
      orderBy: { id: 'asc' },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {})
    })
    for (const lead of page) {
      nonSpam++
      const week = isoWeek(lead.createdAt)
      weeks.set(week, (weeks.get(week) ?? 0) + 1)
      if (lead.firstContactedAt) hoursToContact.push((lead.firstContactedAt.getTime() - lead.createdAt.getTime()) / HOUR_MS)
    }
    if (page.length < PAGE) break
    cursor = page[page.length - 1]!.id
  }

  const staleBefore = new Date(o.now.getTime() - o.staleLeadHours * HOUR_MS)
  const waitingWhere: Prisma.LeadWhereInput = {
    AND: [genuine, { status: 'new', firstContactedAt: null, erasedAt: null, createdAt: { lte: staleBefore } }]
  }
  const [waiting, oldest] = await Promise.all([
    prisma.lead.count({ where: waitingWhere }),
    prisma.lead.findFirst({ where: waitingWhere, orderBy: { createdAt: 'asc' }, select: { createdAt: true } })
  ])
  const medianHours = median(hoursToContact)

  return {
    total,
    spam,
    byStatus,
    byProjectType,
    bySector,
    byLanguage,
    byWeek: [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, count]) => ({ week, count })),
    conversion: { won, nonSpam, rate: nonSpam === 0 ? null : round2(won / nonSpam) },
    medianHoursToFirstContact: medianHours === null ? null : round2(medianHours),
    waitingUncontacted: { thresholdHours: o.staleLeadHours, count: waiting, oldestCreatedAt: oldest?.createdAt.toISOString() ?? null }
  }
}
