// Feature ids are hashes of feature names computed without building the names: the incremental
// hashing of n-grams and bigrams must give the id of the name, or a trained weight never applies.
import t from 'tap'
import { trainingFeatures, type FeatureKind } from '../../src/classification/features.ts'
import { hashText } from '../../src/classification/hash.ts'
import { CAPABILITIES, LANGUAGES } from '../../src/classification/taxonomy.ts'

const input = { fullName: 'A', email: 'a@clinique-atlas.ma', projectType: 'Formation', details: 'Chatbot médical, pas de vision' }
type Input = typeof input
const featureVector = (i: Input, exclude: FeatureKind[] = []): Map<number, number> => trainingFeatures(i, exclude).vector

t.test('ids are the hashes of the feature names', async t => {
  const ids = featureVector(input)
  for (const name of ['w:chatbot', 'w:medical', '!w:vision', 'b:chatbot_medical', 'c:^cha', 'c:bot$', 'c:edic', 'd:clinique', 'd:atlas', 'sel:training', 'x:capabilities:conversational']) {
    t.ok(ids.has(hashText(name)), name)
  }
  t.notOk(ids.has(hashText('c:^vis')), 'negated words give no character n-grams')
  t.notOk(ids.has(hashText('d:ma')), 'the top-level domain is not a domain word')
})

t.test('excluded kinds are left out, and the buffer is not shared with the result', async t => {
  const withoutChars = featureVector(input, ['char'])
  t.notOk(withoutChars.has(hashText('c:^cha')))
  t.ok(withoutChars.has(hashText('w:chatbot')))
  const again = featureVector({ ...input, details: 'autre chose' })
  t.ok(withoutChars.has(hashText('w:chatbot')), 'a later call does not change an earlier result')
  t.notOk(again.has(hashText('w:chatbot')))
})

t.test('the ids of given kinds are those of that kind only, even when excluded from the vector', async t => {
  const { vector, idsOfKinds } = trainingFeatures(input, ['word'], ['word', 'negatedWord'])
  const words = new Set(idsOfKinds)
  t.ok(words.has(hashText('w:chatbot')))
  t.ok(words.has(hashText('!w:vision')))
  t.notOk(words.has(hashText('b:chatbot_medical')), 'no bigram')
  t.notOk(words.has(hashText('x:capabilities:conversational')), 'no cue')
  t.notOk(vector.has(hashText('w:chatbot')), 'the vector still leaves the excluded kind out')
})

t.test('the neighbour vector: words, cues and the select at unit length, without bigrams or character n-grams', async t => {
  const { neighbour } = trainingFeatures(input, ['word', 'cue'])
  for (const name of ['w:chatbot', '!w:vision', 'x:capabilities:conversational', 'sel:training', 'd:clinique']) t.ok(neighbour.has(hashText(name)), name)
  t.notOk(neighbour.has(hashText('b:chatbot_medical')), 'no bigram')
  t.notOk(neighbour.has(hashText('c:^cha')), 'no character n-gram')
  const length = Math.sqrt([...neighbour.values()].reduce((sum, v) => sum + v * v, 0))
  t.ok(Math.abs(length - 1) < 1e-9, `unit length (${length})`)
})

t.test('a capability cue is also read in the language of the text, once per kind of AI, never when negated', async t => {
  const darija = featureVector({ ...input, details: 'bghit chatbot dyal lmagasin, chi assistant virtuel' })
  t.equal(darija.get(hashText('xl:conversational:ary')), 1, 'two conversational cues in Darija: one feature, valued 1')
  t.notOk(darija.has(hashText('xl:conversational:fr')), 'not in another language')
  t.equal(darija.get(hashText('lang:ary')), 1, 'and the language itself')
  const english = featureVector({ ...input, details: 'We need a chatbot for our shop and a forecast of sales' })
  const inLanguage = CAPABILITIES.flatMap(c => LANGUAGES.map(l => `xl:${c}:${l}`)).filter(name => english.has(hashText(name)))
  t.same(inLanguage, ['xl:conversational:en', 'xl:predictive:en'], 'one per kind of AI hit, in the language detected')
  const negated = featureVector({ ...input, details: 'Nous ne voulons pas de chatbot, seulement une prévision des ventes' })
  t.notOk(negated.has(hashText('xl:conversational:fr')), 'a negated cue gives none')
  t.ok(negated.has(hashText('xl:predictive:fr')))
})

t.test('keyboard mashing is counted against the words of every script', async t => {
  const gibberish = (details: string): boolean => featureVector({ ...input, details }).has(hashText('s:gibberish'))
  t.ok(gibberish('qsdfgh jklmpo azerty'), 'Latin mashing')
  t.ok(gibberish('azeaze qsdqsd wxcwxc bonjour'), 'repeated chunks')
  // Brand names have consonant runs: two of them among Arabic words are not mashing.
  t.notOk(gibberish('نريد تكوينا عمليا لفريق التسويق حول استعمال ChatGPT و n8n في العمل اليومي'), 'brand names in an Arabic request')
  t.notOk(gibberish('Formation ChatGPT pour nos commerciaux, deux demi-journées à Rabat'), 'a brand name in a French request')
})
