// The product's vocabulary, from ../shared/datasets/TAXONOMY.md: API responses, filters, stats and
// emails use these codes; labels are per locale.
export const LOCALES = ['fr', 'en', 'ar'] as const
export type Locale = typeof LOCALES[number]

type Labels = Record<Locale, string>

export const PROJECT_TYPES = ['implementation', 'consulting', 'training', 'exploration', 'other'] as const
export type ProjectType = typeof PROJECT_TYPES[number]

export const PROJECT_TYPE_LABELS: Record<ProjectType, Labels> = {
  implementation: { fr: 'Implémentation de solutions IA', en: 'AI solution implementation', ar: 'تنفيذ حلول الذكاء الاصطناعي' },
  consulting: { fr: 'Consultation / stratégie IA', en: 'AI consulting / strategy', ar: 'استشارات واستراتيجية الذكاء الاصطناعي' },
  training: { fr: 'Formation', en: 'Training', ar: 'تكوين' },
  exploration: { fr: 'Exploration / découverte', en: 'Exploration / discovery', ar: 'استكشاف واكتشاف' },
  other: { fr: 'Autre', en: 'Other', ar: 'أخرى' }
}

export const SECTORS = [
  'agriculture', 'health', 'finance', 'public_sector', 'industry', 'energy_environment',
  'transport_logistics', 'education', 'retail_ecommerce', 'tourism_hospitality', 'telecom_media_tech', 'other'
] as const
export type Sector = typeof SECTORS[number]

export const SECTOR_LABELS: Record<Sector, Labels> = {
  agriculture: { fr: 'Agriculture', en: 'Agriculture', ar: 'الفلاحة' },
  health: { fr: 'Santé', en: 'Health', ar: 'الصحة' },
  finance: { fr: 'Finance', en: 'Finance', ar: 'المالية' },
  public_sector: { fr: 'Secteur public', en: 'Public sector', ar: 'القطاع العام' },
  industry: { fr: 'Industrie', en: 'Industry', ar: 'الصناعة' },
  energy_environment: { fr: 'Énergie et environnement', en: 'Energy and environment', ar: 'الطاقة والبيئة' },
  transport_logistics: { fr: 'Transport et logistique', en: 'Transport and logistics', ar: 'النقل واللوجستيك' },
  education: { fr: 'Éducation', en: 'Education', ar: 'التعليم' },
  retail_ecommerce: { fr: 'Commerce et e-commerce', en: 'Retail and e-commerce', ar: 'التجارة والتجارة الإلكترونية' },
  tourism_hospitality: { fr: 'Tourisme et hôtellerie', en: 'Tourism and hospitality', ar: 'السياحة والفندقة' },
  telecom_media_tech: { fr: 'Télécoms, médias et tech', en: 'Telecom, media and tech', ar: 'الاتصالات والإعلام والتكنولوجيا' },
  other: { fr: 'Autre', en: 'Other', ar: 'أخرى' }
}

export const CAPABILITIES = ['conversational', 'vision', 'language', 'predictive', 'automation', 'data'] as const
export type Capability = typeof CAPABILITIES[number]

export const CAPABILITY_LABELS: Record<Capability, Labels> = {
  conversational: { fr: 'Conversationnel', en: 'Conversational', ar: 'المحادثة' },
  vision: { fr: 'Vision', en: 'Vision', ar: 'الرؤية الحاسوبية' },
  language: { fr: 'Langue', en: 'Language', ar: 'معالجة اللغة' },
  predictive: { fr: 'Prédictif', en: 'Predictive', ar: 'التنبؤ' },
  automation: { fr: 'Automatisation', en: 'Automation', ar: 'الأتمتة' },
  data: { fr: 'Données', en: 'Data', ar: 'البيانات' }
}

export const LANGUAGES = ['fr', 'en', 'ar', 'ary'] as const
export type Language = typeof LANGUAGES[number]

/** The project type a select value names (a code or its French label), if it names one. */
export function projectTypeFromSelect (value: string | null | undefined): ProjectType | undefined {
  if (!value) return undefined
  const v = value.trim().toLowerCase()
  return PROJECT_TYPES.find(code => code === v || PROJECT_TYPE_LABELS[code].fr.toLowerCase() === v)
}
