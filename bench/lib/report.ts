import type { Spread } from './stats.ts'

// One table for the whole run: a row per figure, "median (min–max)" over the runs.

export interface TableRow {
  scenario: string
  figure: string
  value: string
  /** The ratio or goal the figure is read against. */
  against?: string
  note?: string
}

const number = (n: number, digits: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** "median (min–max)", or the median alone when there was one run or no spread. */
export function formatSpread (s: Spread, digits = 0): string {
  const median = number(s.median, digits)
  return s.runs.length > 1 && s.min !== s.max ? `${median} (${number(s.min, digits)}–${number(s.max, digits)})` : median
}

export const formatNumber = number

export const percent = (r: number | undefined): string => r === undefined ? 'n/a' : `${(r * 100).toFixed(1)}%`

/** A Markdown table, padded so it also reads as plain text. */
export function renderTable (rows: TableRow[]): string {
  const header = ['scenario', 'figure', 'median (min–max)', 'against', 'note']
  const cells = rows.map(r => [r.scenario, r.figure, r.value, r.against ?? '', r.note ?? ''])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map(c => c[i]!.length)))
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`
  return [line(header), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n')
}
