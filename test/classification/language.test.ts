import t from 'tap'
import { detectLanguage } from '../../src/classification/language.ts'
import { tokenize } from '../../src/text/tokens.ts'

const cases: Array<[string, string, string]> = [
  // [expected, description, text]
  ['fr', 'French', 'Bonjour, nous sommes une PME et nous voudrions un chatbot pour notre site.'],
  ['en', 'English', 'Hi, we are a logistics company and we would like to forecast demand for our warehouses.'],
  ['ar', 'Modern Standard Arabic', 'نحن شركة ناشئة ونرغب في تطوير نظام للتنبؤ بالطلب. هل يمكنكم مساعدتنا؟'],
  ['ar', 'Arabic with diacritics and tatweel', 'نَحْنُ جمعيـــة ونرغب في تنظيم دورة تكوينية حول الذكاء الاصطناعي'],
  ['ary', 'Darija in Arabic script', 'سلام، عندي محل ديال الحوايج ف طنجة. بغيت شي روبو يجاوب الناس. واش ممكن؟'],
  ['ary', 'Darija in Latin script with digits', 'salam, 3ndi magasin f casa w bghit chi chatbot yjawb 3la les clients. ch7al taman?'],
  ['ary', 'Darija mixing in French words', 'slm, ana comptable f chrika kbira. bghina automatisation dyal les factures, wach possible?'],
  ['fr', 'French with a Darija phrase (code-switching)', "Bonjour, je voudrais m'inscrire à une formation. Ana comptable w bghit nt3lem. Vous avez des sessions le samedi ?"],
  ['ary', 'Darija in Arabic script with French terms', 'السلام عليكم، حنا شركة ف أكادير. بغينا étude de faisabilité قبل ما نصرفو الفلوس'],
  ['en', 'English with a French greeting', 'Bonjour! We run three riads in Marrakech and want an assistant that answers guests on WhatsApp.']
]

for (const [expected, description, text] of cases) {
  t.test(`${description} is ${expected}`, async t => {
    const decision = detectLanguage(tokenize(text))
    t.equal(decision.language, expected)
    t.ok(decision.confidence > 0 && decision.confidence <= 1, 'confidence in 0..1')
    t.ok(decision.evidence.length > 0, 'says why')
  })
}

t.test('an empty text defaults to French with low confidence', async t => {
  const decision = detectLanguage(tokenize(''))
  t.equal(decision.language, 'fr')
  t.ok(decision.confidence < 0.5)
})
