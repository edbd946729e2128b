// Every figure is the median of several runs, reported with its min and max.

export interface Spread { median: number, min: number, max: number, runs: number[] }

export function spread (values: number[]): Spread {
  if (values.length === 0) throw new Error('spread of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: values }
}

/** a / b, rounded to three decimals; undefined when either side is missing. */
export function ratio (a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || b === 0) return undefined
  return Math.round((a / b) * 1000) / 1000
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits
