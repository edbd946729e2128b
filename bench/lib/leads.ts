import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseDataset, type DatasetItem } from '../../src/classification/dataset.ts'
import { mulberry32 } from '../../src/classification/linear.ts'
import { repoRoot } from './processes.ts'

// Varied, realistic and unique contact-form submissions in French, English, Arabic and Darija
// (Arabic script and Latin "arabizi"). The body of each request comes from the classification
// development set, extended with a sentence drawn from many combinations, and every submission has
// its own address: no two are duplicates of each other, so intake stores every one.

export interface LeadBody {
  fullName: string
  email: string
  details: string
  projectType?: string
  company?: string
  phone?: string
  locale?: string
  consent?: boolean
  consentVersion?: string
  pageUrl?: string
  referrer?: string
  utmSource?: string
  utmMedium?: string
  utmCampaign?: string
  website?: string
}

export interface GeneratedLead { body: LeadBody, item: DatasetItem }

type Language = 'fr' | 'en' | 'ar' | 'ary'

// [as written, in Latin letters for the address]
const FIRST: Record<Language, Array<[string, string]>> = {
  fr: [['Amine', 'amine'], ['Sophie', 'sophie'], ['Karim', 'karim'], ['Claire', 'claire'], ['Youssef', 'youssef'], ['Nadia', 'nadia'], ['Julien', 'julien'], ['Salma', 'salma'], ['Hélène', 'helene'], ['Mehdi', 'mehdi'], ['Océane', 'oceane'], ['Rachid', 'rachid'], ['Imane', 'imane'], ['François', 'francois'], ['Zineb', 'zineb']],
  en: [['James', 'james'], ['Emily', 'emily'], ['Omar', 'omar'], ['Sarah', 'sarah'], ['David', 'david'], ['Layla', 'layla'], ['Michael', 'michael'], ['Hannah', 'hannah'], ['Adam', 'adam'], ['Grace', 'grace']],
  ar: [['محمد', 'mohamed'], ['فاطمة', 'fatima'], ['عبد الله', 'abdellah'], ['خديجة', 'khadija'], ['يوسف', 'youssef'], ['مريم', 'meryem'], ['حمزة', 'hamza'], ['سعاد', 'souad'], ['إدريس', 'driss'], ['نزهة', 'nezha']],
  ary: [['Hamza', 'hamza'], ['Kawtar', 'kawtar'], ['Ayoub', 'ayoub'], ['Ghita', 'ghita'], ['Soufiane', 'soufiane'], ['Hajar', 'hajar'], ['Anass', 'anass'], ['Sanaa', 'sanaa'], ['Reda', 'reda'], ['Loubna', 'loubna']]
}

const LAST: Record<Language, Array<[string, string]>> = {
  fr: [['Benali', 'benali'], ['Martin', 'martin'], ['El Idrissi', 'elidrissi'], ['Dubois', 'dubois'], ['Alaoui', 'alaoui'], ['Lefèvre', 'lefevre'], ['Berrada', 'berrada'], ['Moreau', 'moreau'], ['Tazi', 'tazi'], ['Chraïbi', 'chraibi']],
  en: [['Smith', 'smith'], ['Johnson', 'johnson'], ['Haddad', 'haddad'], ['Brown', 'brown'], ['Taylor', 'taylor'], ['Nasser', 'nasser'], ['Wilson', 'wilson'], ['Clarke', 'clarke']],
  ar: [['العلوي', 'alaoui'], ['بنجلون', 'benjelloun'], ['الفاسي', 'elfassi'], ['التازي', 'tazi'], ['الإدريسي', 'idrissi'], ['بناني', 'bennani'], ['الصقلي', 'sqalli'], ['المنصوري', 'mansouri']],
  ary: [['Amrani', 'amrani'], ['Ouazzani', 'ouazzani'], ['Bennis', 'bennis'], ['Kettani', 'kettani'], ['Lahlou', 'lahlou'], ['Sebti', 'sebti'], ['Filali', 'filali'], ['Naciri', 'naciri']]
}

const CITIES: Record<Language, string[]> = {
  fr: ['Casablanca', 'Rabat', 'Marrakech', 'Tanger', 'Fès', 'Agadir', 'Lyon', 'Paris', 'Montréal', 'Oujda', 'Kénitra', 'Meknès'],
  en: ['Casablanca', 'London', 'Dubai', 'Rabat', 'Toronto', 'Tangier', 'Manchester', 'Marrakesh'],
  ar: ['الدار البيضاء', 'الرباط', 'مراكش', 'طنجة', 'فاس', 'أكادير', 'وجدة', 'مكناس'],
  ary: ['casa', 'rbat', 'mrrakch', 'tanja', 'fes', 'agadir', 'l3ayoun', 'tetouan']
}

// The sentence appended to each development-set message: city, team size and timing vary.
const EXTRA: Record<Language, Array<(city: string, size: number, months: number) => string>> = {
  fr: [
    (c, s, m) => `Nous sommes ${s} personnes à ${c} et souhaitons démarrer d'ici ${m} mois.`,
    (c, s, m) => `L'équipe (${s} collaborateurs, basée à ${c}) pourrait se rendre disponible dans ${m} mois.`,
    (c, s, m) => `Siège à ${c}, ${s} salariés ; un premier échange dans les ${m} semaines serait idéal.`
  ],
  en: [
    (c, s, m) => `We are a team of ${s} in ${c} and would like to start within ${m} months.`,
    (c, s, m) => `Our ${s}-person office in ${c} could free up time in about ${m} months.`,
    (c, s, m) => `Based in ${c}, ${s} staff; a first call in the next ${m} weeks would be ideal.`
  ],
  ar: [
    (c, s, m) => `نحن فريق من ${s} شخصا في ${c} ونرغب في البدء خلال ${m} أشهر.`,
    (c, s, m) => `مقرنا في ${c} ويعمل معنا ${s} موظفا، ونأمل في لقاء أول خلال ${m} أسابيع.`
  ],
  ary: [
    (c, s, m) => `7na ${s} dyal nass f ${c}, bghina nbdaw f ${m} chhour jayin.`,
    (c, s, m) => `la boite f ${c} fiha ${s} dyal lkhdama, ila momkin n3mlo rdv f ${m} simanat.`,
    (c, s, m) => `حنا ${s} ديال الناس ف ${c} وبغينا نبداو من هنا ${m} شهور.`
  ]
}

const COMPANY_WORDS = ['Atlas', 'Sahara', 'Rif', 'Anfa', 'Oasis', 'Argane', 'Medina', 'Noor', 'Zellige', 'Cèdre', 'Horizon', 'Souss']
const COMPANY_KINDS = ['Logistique', 'Santé', 'Conseil', 'Agro', 'Digital', 'Immobilier', 'Assurances', 'Textile', 'Énergie', 'Éducation', 'Tourisme', 'Finance']
const FREE_MAIL = ['gmail.com', 'hotmail.fr', 'outlook.com', 'yahoo.fr', 'menara.ma']
const SOURCES: Array<[string, string, string]> = [['google', 'cpc', 'ia-maroc'], ['linkedin', 'social', 'webinaire-ia'], ['newsletter', 'email', 'rentree'], ['facebook', 'social', 'formation-ia']]
const LOCALE_OF: Record<Language, string[]> = { fr: ['fr'], en: ['en'], ar: ['ar'], ary: ['fr', 'ar'] }

export function developmentSet (): DatasetItem[] {
  return parseDataset(readFileSync(join(repoRoot, 'src/classification/data/leads-dev.jsonl'), 'utf8'), true)
}

/**
 * An endless stream of unique leads. `tag` goes into every address so that leads from different
 * generators (intake, flood, seeding) never collide; genuine leads come from the items the
 * development set does not label as spam.
 */
export function leadGenerator (tag: string, seed = 1): () => GeneratedLead {
  const random = mulberry32(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const items = developmentSet().filter(item => item.labels?.spam === false)
  let n = 0
  return () => {
    n++
    const item = pick(items)
    const language = (item.labels?.language ?? 'fr') as Language
    const [first, firstLatin] = pick(FIRST[language])
    const [last, lastLatin] = pick(LAST[language])
    const hasCompany = random() < 0.6
    const company = hasCompany ? `${pick(COMPANY_WORDS)} ${pick(COMPANY_KINDS)}` : undefined
    const domain = company ? `${company.normalize('NFKD').replace(/[^\w]/g, '').toLowerCase()}.ma` : pick(FREE_MAIL)
    const extra = pick(EXTRA[language])(pick(CITIES[language]), 2 + Math.floor(random() * 400), 1 + Math.floor(random() * 12))
    const body: LeadBody = {
      fullName: `${first} ${last}`,
      email: `${firstLatin}.${lastLatin}.${tag}${n.toString(36)}@${domain}`,
      details: `${item.input.details} ${extra}`,
      locale: pick(LOCALE_OF[language])
    }
    if (item.input.projectType) body.projectType = item.input.projectType
    if (company) body.company = company
    if (random() < 0.5) body.phone = `+212 6${Math.floor(random() * 1e8).toString().padStart(8, '0').replace(/(\d\d)(?=\d)/g, '$1 ')}`
    if (random() < 0.85) { body.consent = true; body.consentVersion = '2026-01' }
    if (random() < 0.7) body.pageUrl = `https://conseil-ia.example.ma/${body.locale}/contact`
    if (random() < 0.4) {
      const [source, medium, campaign] = pick(SOURCES)
      Object.assign(body, { utmSource: source, utmMedium: medium, utmCampaign: campaign, referrer: `https://www.${source}.com/` })
    }
    return { body, item }
  }
}

/** Bodies a bot sends: the honeypot filled (stored, as spam) or invalid in one of several ways. */
export function botBodies (tag: string): { honeypot: () => string, invalid: () => string } {
  const next = leadGenerator(`${tag}h`, 7)
  const invalid = [
    () => JSON.stringify({ fullName: 'x', email: 'not-an-address', details: 'short' }),
    () => JSON.stringify({ email: 'bot@example.com' }),
    () => JSON.stringify({ fullName: 42, email: ['a@b.c'], details: { text: 'buy now' } }),
    () => '{"fullName": "Bot", "email": "bot@example.com", "details": ',
    () => JSON.stringify({ fullName: 'Cheap Pills', email: 'a@b.com,c@d.com', details: 'Visit http://spam.example now for the best offers' })
  ]
  let i = 0
  return {
    honeypot: () => JSON.stringify({ ...next().body, website: 'http://casino.example' }),
    invalid: () => invalid[i++ % invalid.length]!()
  }
}
