// The lead classification module (issue 3): one pure function from a submission to its
// project type, sector, kinds of AI, language, spam verdict and priority, with confidence and evidence.
import { loadModel } from './artifact.ts'
import { classifyCompiled, compile } from './classify.ts'
import type { Classification, ClassificationInput } from './types.ts'

export type { Classification, ClassificationInput, Labels, ScoreReason, TrainingExample } from './types.ts'
export type { Model } from './model.ts'
export { train } from './model.ts'
export { classifyWith, SPAM_THRESHOLD } from './classify.ts'
export { PRIORITY_WEIGHTS } from './score.ts'
export { benchmarkClassify } from './benchmark.ts'

export { MODEL_FILE, loadModel } from './artifact.ts'

// Read and fused once when the module loads, never per call: classify() itself does no I/O. The
// artifact is built by `npm run classify:train` from committed data. Only the fused table is kept:
// the parsed weight records (about 45 000 objects, 6-7 MB of heap) are let go.
const model = compile(loadModel())

export const classifierVersion = model.version

export function classify (input: ClassificationInput): Classification {
  return classifyCompiled(model, input)
}
