import t from 'tap'
import { arabicStem, normalizeLatinWord, tokenize } from '../../src/text/tokens.ts'

const show = (text: string): string => tokenize(text).map(token => (token.negated ? '!' : '') + token.text).join(' ')

t.test('Latin-script Darija digits are spelled as letters, so spellings meet', async t => {
  const cases: Array<[string, string]> = [
    ['t9der', 'tqder'], ['3ndi', 'andi'], ['7na', 'hna'], ['ch7al', 'chhal'], ['bzaaaf', 'bzaf']
  ]
  for (const [a, b] of cases) t.equal(normalizeLatinWord(a), normalizeLatinWord(b), `${a} ~ ${b}`)
  t.equal(normalizeLatinWord('2024'), '2024', 'numbers stay numbers')
})

t.test('negation marks the words it governs, up to punctuation', async t => {
  const cases: Array<[string, string]> = [
    ['Pas de chatbot, mais une prévision', 'pas !de !chatbot mais une prevision'],
    ["We don't need a chatbot. Forecasting", 'we not !ned !a !chatbot forecasting'],
    ['ma bghitch chatbot', 'ma bghitch !chatbot'],
    ['لا نريد روبوت محادثة', 'لا !نريد !روبوت !محادثه'],
    ['sans engagement', 'sans !engagement']
  ]
  for (const [text, expected] of cases) t.equal(show(text), expected, text)
})

t.test('French "dont" is not an English negation', async t => {
  t.equal(show('12 personnes dont 2 devs'), '12 persones dont 2 devs', 'no word negated (doubled letters collapse)')
})

t.test('tokens know their script', async t => {
  t.same(tokenize('Salam سلام 2025').map(token => token.script), ['latin', 'arabic', 'other'])
})

t.test('arabicStem strips the article and one-letter clitics', async t => {
  t.equal(arabicStem('بالصور'), 'صور')
  t.equal(arabicStem('الفلاحه'), 'فلاحه')
  t.equal(arabicStem('وال'), 'وال', 'too short to strip')
})

t.test('arabicStem handles li- before the article (للترجمة → ترجمة)', async t => {
  t.equal(arabicStem('للترجمه'), 'ترجمه')
})
