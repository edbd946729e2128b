import type { Context } from '../lib/context.ts'
import { developmentSet } from '../lib/leads.ts'
import { spread, type Spread } from '../lib/stats.ts'

// Scenario 6: classify() alone over the development set, with the classifier's own benchmark helper
// (a warm-up pass, then wall time per call); one figure per run.

export interface ClassificationResult { leads: number, medianMicros: Spread, p95Micros: Spread, classifierVersion: string }

export async function classification (ctx: Context): Promise<ClassificationResult> {
  const { benchmarkClassify, classify, classifierVersion } = await import('../../src/classification/index.ts')
  const inputs = developmentSet().map(item => item.input)
  const runs = Array.from({ length: ctx.profile.runs }, () => benchmarkClassify(classify, inputs))
  return {
    leads: inputs.length,
    medianMicros: spread(runs.map(r => r.medianMicros)),
    p95Micros: spread(runs.map(r => r.p95Micros)),
    classifierVersion
  }
}
