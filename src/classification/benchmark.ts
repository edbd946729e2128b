// Speed of classify() for bench/ and the evaluate CLI: wall time per call, after a warm-up so the
// figures describe a running server rather than the JIT compiling.
import type { ClassificationInput } from './types.ts'

export interface BenchmarkResult { calls: number, medianMicros: number, p95Micros: number, maxMicros: number }

export function benchmarkClassify (
  classify: (input: ClassificationInput) => unknown, inputs: ClassificationInput[], rounds = 3
): BenchmarkResult {
  for (const input of inputs) classify(input)
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const start = process.hrtime.bigint()
      classify(input)
      times.push(Number(process.hrtime.bigint() - start) / 1000)
    }
  }
  times.sort((a, b) => a - b)
  const at = (q: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10
  return { calls: times.length, medianMicros: at(0.5), p95Micros: at(0.95), maxMicros: at(1) }
}
