// Where the trained model lives. Committed JSON, rebuilt by `npm run classify:train`; never fetched.
import { readFileSync } from 'node:fs'
import type { Model } from './model.ts'

export const MODEL_FILE = new URL('./data/model.json', import.meta.url)

export function loadModel (file: URL | string = MODEL_FILE): Model {
  return JSON.parse(readFileSync(file, 'utf8')) as Model
}
