// Where the trained model lives. Committed JSON, rebuilt by `npm run classify:train`; never fetched.
import { readFileSync } from 'node:fs'
import type { Model } from './model.ts'

export const MODEL_FILE = new URL('./data/model.json', import.meta.url)

/** A file that parses but is not an artifact of this version of classify:train. */
export class ModelFormatError extends Error {}

/**
 * The model in `file`. Throws on anything not shaped like an artifact of this version of
 * classify:train: an older one (before lr-ngram-lexicon/8 it had no capability threshold, before
 * lr-ngram-lexicon-knn/10 no neighbours) would otherwise load and quietly report no kind of AI.
 */
export function loadModel (file: URL | string = MODEL_FILE): Model {
  const model = JSON.parse(readFileSync(file, 'utf8')) as Model
  const axes = [model?.projectType, model?.sector, model?.capabilities, model?.spam]
  const neighbours = model?.neighbours
  if (typeof model?.version !== 'string' || typeof model?.capabilityThreshold !== 'number' ||
    axes.some(m => typeof m?.weights !== 'object' || !Array.isArray(m?.labels) || !Array.isArray(m?.bias)) ||
    typeof neighbours?.k !== 'number' || typeof neighbours?.weight !== 'number' || !Array.isArray(neighbours?.features) || !Array.isArray(neighbours?.leads)) {
    throw new ModelFormatError('not a model written by this version of classify:train: retrain with npm run classify:train')
  }
  return model
}
