import t from 'tap'
import { correctionsToExamples, type CorrectionRow, type LeadRow } from '../../src/classification/corrections.ts'

const lead = (id: string, extra: Partial<LeadRow> = {}): LeadRow =>
  ({ id, fullName: 'N', email: 'n@x.ma', projectTypeRaw: 'Formation', details: `details ${id}`, company: null, erasedAt: null, ...extra })
const at = (minute: number): Date => new Date(Date.UTC(2025, 0, 1, 0, minute))
const row = (leadId: string, axis: string, value: string, minute: number): CorrectionRow => ({ leadId, axis, value, createdAt: at(minute) })

t.test('the latest correction per axis wins, axes combine per lead', async t => {
  const examples = correctionsToExamples([
    row('l1', 'projectType', '"consulting"', 2),
    row('l1', 'projectType', '"training"', 1),
    row('l1', 'capabilities', '["vision","data"]', 3),
    row('l2', 'spam', 'true', 1)
  ], [lead('l1'), lead('l2')])
  t.same(examples.map(e => e.labels), [{ projectType: 'consulting', capabilities: ['vision', 'data'] }, { spam: true }])
  t.same(examples[0]!.input, { fullName: 'N', email: 'n@x.ma', projectType: 'Formation', details: 'details l1', company: null })
})

t.test('bad rows and erased or missing leads are skipped, not fatal', async t => {
  const examples = correctionsToExamples([
    row('l1', 'projectType', 'not json', 1),
    row('l1', 'sector', '"space"', 1),
    row('l1', 'mood', '"happy"', 1),
    row('l2', 'sector', '"health"', 1),
    row('ghost', 'sector', '"health"', 1)
  ], [lead('l1'), lead('l2', { erasedAt: at(5) })])
  t.same(examples, [])
})
