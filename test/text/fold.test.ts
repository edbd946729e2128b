import t from 'tap'
import { fold } from '../../src/text/fold.ts'

t.test('fold removes case and accents', async t => {
  t.equal(fold('  Éléphant   CŒUR '), 'elephant coeur')
})

t.test('fold unifies Arabic letter variants', async t => {
  t.equal(fold('أَحْمَد'), fold('احمد'))
  t.equal(fold('مدرسة'), fold('مدرسه'))
  t.equal(fold('الـــذكاء'), fold('الذكاء'))
})
