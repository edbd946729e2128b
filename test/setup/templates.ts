// Run by tap before the suite (.taprc `before`): builds the migrated template databases once.
import { ensureTemplates } from '../helpers/databases.ts'

await ensureTemplates()
