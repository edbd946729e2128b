// The main language of the details: script first, then function words. Rules rather than a learned
// model because the signal is structural (which script, which grammatical words) and the rules
// transfer to unseen topics; the cross-validation in evaluate.ts compares both.
import type { Token } from '../text/tokens.ts'
import { normalizeArabic } from '../text/fold.ts'
import { normalizeLatinWord } from '../text/tokens.ts'
import type { Language } from './taxonomy.ts'

// Grammatical words, not topic words: they appear whatever the request is about. Written as the
// tokenizer leaves them (folded, Darija digits spelled, doubled letters collapsed).
const latin = (words: string): Set<string> => new Set(words.split(/\s+/).map(normalizeLatinWord))
const arabic = (words: string): Set<string> => new Set(words.split(/\s+/).map(normalizeArabic))

const FRENCH = latin(`le la les de des du un une et est sont pour par nous vous je j on notre nos votre vos sur avec dans que qui
  pas ne ce cette ces au aux il elle ils se sa son ses mais ou comme plus tres bonjour merci avons avez souhaitons voudrions
  cherchons serait pourriez pouvez etre faire besoin aussi leur leurs tout tous entre chez sans deja afin`)
const ENGLISH = latin(`the and of to we our a an is are for in with you your i my be this that on it its it's from at by as
  have has would could can like looking want need hi hello thanks please which what how who do does not there their they
  us me about into just some any will been was were should also so`)
const DARIJA_LATIN = latin(`bghit bghina bgha 3ndi 3ndna 3andi 3andna andi andna dyal dyali dyalna dyalkom chi wach f w ana 7na hna
  kan kanbghi kanbi3 ghadi bzaf mzyan mzyana salam slm khoya khouya daba chno chnou ach kifach t9der t9dr ymken lia liya m3a
  m3aya m3ana ch7al 3la hit ila bach hadchi li kayn kayna wla walakin ma3ndich ma3rftch ghir b7al b7ali wa7d chwiya
  nfhem nfham n3rf n3rfo tjiw t3awnni katkhdmo kat7sbo 9bel mn kolchi nta ntoma rah raha 3afak 3tini ydir tdir bghitou
  ykhdmo khedma sghira kbira jdida lmodir nhar`)
const DARIJA_ARABIC = arabic(`ديال ديالي ديالنا ديالك ديالهم بغيت بغينا بغا شي واش كاين كاينة عندي عندنا ف هاد هادشي هادي
  شنو باش بزاف غادي ماشي دابا حنا ليا ليه اللي بحال غير واحد كولشي كلشي شحال مزيان خويا راه نقدرو كتاخدو كاتخدمو كيعرضو
  كيكتبو كيقولي كنبيع كنضيعو نعرفو نفهم عافاك عاودني يصايب ديروه بوحدهم بوحدو مانبقاوش ماشي تاني فين كيفاش علاش`)
const STANDARD_ARABIC = arabic(`نحن نود نرغب الذي التي الذين هل لدينا لدى يمكن نرجو حول ذلك هذا هذه إلى ضمن لفائدة كما قد
  إن أن تم حيث مع عن من في على بين خلال نريد نبحث نسعى مدى كيفية المرجو تحية طيبة السادة يرجى أيضا`)

export interface LanguageDecision { language: Language, confidence: number, evidence: string[] }

export function detectLanguage (tokens: Token[]): LanguageDecision {
  let arabicWords = 0
  let latinWords = 0
  const counts: Record<Language, string[]> = { fr: [], en: [], ar: [], ary: [] }
  for (const token of tokens) {
    if (token.script === 'arabic') {
      arabicWords++
      if (DARIJA_ARABIC.has(token.text)) counts.ary.push(token.text)
      else if (STANDARD_ARABIC.has(token.text)) counts.ar.push(token.text)
    } else if (token.script === 'latin') {
      latinWords++
      if (DARIJA_LATIN.has(token.text)) counts.ary.push(token.text)
      if (FRENCH.has(token.text)) counts.fr.push(token.text)
      if (ENGLISH.has(token.text)) counts.en.push(token.text)
    }
  }
  if (arabicWords === 0 && latinWords === 0) return { language: 'fr', confidence: 0.3, evidence: ['no words: defaulted to fr'] }

  if (arabicWords >= latinWords) {
    // Arabic script: Darija when its grammatical words are a real share of the text, not a stray one.
    const darija = counts.ary.length
    const standard = counts.ar.length
    const latinShare = latinWords / (arabicWords + latinWords)
    const isDarija = darija >= 2 && darija >= standard * 0.6 || (darija >= 1 && standard === 0) || (latinShare > 0.15 && darija >= 1)
    const language: Language = isDarija ? 'ary' : 'ar'
    const margin = Math.abs(darija - standard) / (darija + standard + 1)
    return {
      language,
      confidence: round(0.6 + 0.4 * margin),
      evidence: [`Arabic script (${arabicWords} words)`, ...unique(counts[language]).slice(0, 5)]
    }
  }

  // Latin script: French, English or Darija written in Latin letters (often mixed with French).
  const fr = counts.fr.length
  const en = counts.en.length
  const ary = counts.ary.length
  let language: Language = fr >= en ? 'fr' : 'en'
  const best = Math.max(fr, en)
  // Darija in Latin script borrows French words freely: it is the main language when its own words
  // outnumber the French grammatical words, not when a sentence of it appears in a French message.
  if (ary >= 2 && ary * 1.2 >= best) language = 'ary'
  const chosen = language === 'ary' ? ary : language === 'fr' ? fr : en
  const runnerUp = [fr, en, ary].sort((a, b) => b - a).find(v => v !== chosen) ?? 0
  const margin = (chosen - Math.min(runnerUp, chosen)) / (chosen + 1)
  return {
    language,
    confidence: round(0.5 + 0.5 * margin),
    evidence: [`Latin script (${latinWords} words)`, ...unique(counts[language]).slice(0, 5)]
  }
}

function unique (values: string[]): string[] { return [...new Set(values)] }
function round (v: number): number { return Math.round(v * 100) / 100 }
