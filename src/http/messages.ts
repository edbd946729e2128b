import type { Locale } from '../classification/taxonomy.ts'

// What a visitor reads when something is wrong, in their language. French first: it is the site's.

type Text = Record<Locale, string>
type Params = { min?: number, max?: number }

const FIELD_LABELS: Record<string, Text> = {
  fullName: { fr: 'Nom complet', en: 'Full name', ar: 'الاسم الكامل' },
  email: { fr: 'Adresse e-mail', en: 'Email address', ar: 'البريد الإلكتروني' },
  projectType: { fr: 'Type de projet', en: 'Project type', ar: 'نوع المشروع' },
  details: { fr: 'Détails du projet', en: 'Project details', ar: 'تفاصيل المشروع' },
  company: { fr: 'Entreprise', en: 'Company', ar: 'الشركة' },
  phone: { fr: 'Téléphone', en: 'Phone', ar: 'الهاتف' },
  locale: { fr: 'Langue', en: 'Language', ar: 'اللغة' },
  consent: { fr: 'Consentement', en: 'Consent', ar: 'الموافقة' },
  pageUrl: { fr: 'Adresse de la page', en: 'Page URL', ar: 'رابط الصفحة' },
  referrer: { fr: 'Page de provenance', en: 'Referrer', ar: 'الصفحة المُحيلة' },
  body: { fr: 'Formulaire', en: 'Form', ar: 'الاستمارة' }
}

const FIELD_MESSAGES: Record<string, (p: Params) => Text> = {
  required: () => ({ fr: 'Ce champ est obligatoire.', en: 'This field is required.', ar: 'هذا الحقل إلزامي.' }),
  invalid_type: () => ({ fr: 'Ce champ doit être un texte.', en: 'This field must be text.', ar: 'يجب أن يكون هذا الحقل نصًا.' }),
  too_short: p => ({
    fr: `Au moins ${p.min} caractères, s’il vous plaît.`,
    en: `Please write at least ${p.min} characters.`,
    ar: `يرجى كتابة ${p.min} أحرف على الأقل.`
  }),
  too_long: p => ({
    fr: `${p.max} caractères au maximum.`,
    en: `At most ${p.max} characters.`,
    ar: `${p.max} حرفًا كحد أقصى.`
  }),
  invalid_email: () => ({
    fr: 'Adresse e-mail invalide (exemple : nom@entreprise.ma).',
    en: 'Invalid email address (for example: name@company.com).',
    ar: 'عنوان البريد الإلكتروني غير صالح (مثال: name@company.ma).'
  }),
  single_email: () => ({
    fr: 'Une seule adresse e-mail, s’il vous plaît.',
    en: 'Please give a single email address.',
    ar: 'يرجى إدخال عنوان بريد إلكتروني واحد فقط.'
  }),
  invalid_characters: () => ({
    fr: 'Ce champ contient des caractères non autorisés (retours à la ligne ou caractères de contrôle).',
    en: 'This field contains characters that are not allowed (line breaks or control characters).',
    ar: 'يحتوي هذا الحقل على أحرف غير مسموح بها (أسطر جديدة أو أحرف تحكم).'
  }),
  invalid_url: () => ({ fr: 'Adresse web invalide.', en: 'Invalid web address.', ar: 'عنوان ويب غير صالح.' }),
  invalid_phone: () => ({
    fr: 'Numéro de téléphone invalide (chiffres, espaces, +, -, parenthèses).',
    en: 'Invalid phone number (digits, spaces, +, -, parentheses).',
    ar: 'رقم هاتف غير صالح (أرقام، مسافات، +، -، أقواس).'
  }),
  invalid_body: () => ({
    fr: 'Le formulaire doit être envoyé comme un objet JSON ou un formulaire encodé.',
    en: 'The form must be sent as a JSON object or a URL-encoded form.',
    ar: 'يجب إرسال الاستمارة ككائن JSON أو كاستمارة مرمّزة.'
  }),
  invalid_value: () => ({ fr: 'Valeur non reconnue.', en: 'Unrecognised value.', ar: 'قيمة غير معروفة.' })
}

export function fieldMessage (code: string, locale: Locale, params: Params = {}): string {
  return (FIELD_MESSAGES[code] ?? FIELD_MESSAGES.invalid_value!)(params)[locale]
}

export function fieldLabel (field: string, locale: Locale): string {
  return FIELD_LABELS[field]?.[locale] ?? field
}

/** Titles and details of the errors that are not about one field. */
export const PROBLEMS = {
  validation: {
    title: { fr: 'Formulaire incomplet', en: 'The form needs a few fixes', ar: 'الاستمارة تحتاج إلى بعض التصحيحات' },
    detail: { fr: 'Certains champs sont à corriger.', en: 'Some fields need to be corrected.', ar: 'بعض الحقول تحتاج إلى تصحيح.' }
  },
  malformed: {
    title: { fr: 'Requête illisible', en: 'Malformed request', ar: 'طلب غير مقروء' },
    detail: { fr: 'Le contenu envoyé n’a pas pu être lu.', en: 'The request body could not be read.', ar: 'تعذرت قراءة محتوى الطلب.' }
  },
  too_large: {
    title: { fr: 'Envoi trop volumineux', en: 'Request too large', ar: 'الطلب كبير جدًا' },
    detail: { fr: 'Le formulaire envoyé est trop volumineux.', en: 'The submitted form is too large.', ar: 'الاستمارة المرسلة كبيرة جدًا.' }
  },
  unsupported_media_type: {
    title: { fr: 'Format non pris en charge', en: 'Unsupported content type', ar: 'صيغة غير مدعومة' },
    detail: {
      fr: 'Envoyez application/json ou application/x-www-form-urlencoded.',
      en: 'Send application/json or application/x-www-form-urlencoded.',
      ar: 'أرسل application/json أو application/x-www-form-urlencoded.'
    }
  },
  rate_limited: {
    title: { fr: 'Trop de demandes', en: 'Too many requests', ar: 'طلبات كثيرة جدًا' },
    detail: {
      fr: 'Vous avez envoyé trop de demandes. Réessayez dans quelques instants.',
      en: 'You have sent too many requests. Please try again shortly.',
      ar: 'لقد أرسلت طلبات كثيرة. يرجى المحاولة بعد قليل.'
    }
  },
  idempotency_mismatch: {
    title: { fr: 'Clé d’idempotence réutilisée', en: 'Idempotency key reused', ar: 'مفتاح عدم التكرار مستعمل' },
    detail: {
      fr: 'Cette clé Idempotency-Key a déjà servi pour un autre contenu.',
      en: 'This Idempotency-Key was already used with a different request body.',
      ar: 'سبق استعمال مفتاح Idempotency-Key هذا مع محتوى مختلف.'
    }
  },
  unavailable: {
    title: { fr: 'Service momentanément indisponible', en: 'Service temporarily unavailable', ar: 'الخدمة غير متاحة مؤقتًا' },
    detail: {
      fr: 'Votre demande n’a pas pu être enregistrée. Réessayez dans un instant.',
      en: 'Your request could not be saved. Please try again in a moment.',
      ar: 'تعذر حفظ طلبك. يرجى المحاولة بعد لحظات.'
    }
  },
  not_found: {
    title: { fr: 'Introuvable', en: 'Not found', ar: 'غير موجود' },
    detail: { fr: 'Cette ressource n’existe pas.', en: 'This resource does not exist.', ar: 'هذا المورد غير موجود.' }
  },
  internal: {
    title: { fr: 'Erreur interne', en: 'Internal error', ar: 'خطأ داخلي' },
    detail: { fr: 'Une erreur inattendue est survenue.', en: 'An unexpected error occurred.', ar: 'حدث خطأ غير متوقع.' }
  }
} satisfies Record<string, { title: Text, detail: Text }>

export type ProblemKind = keyof typeof PROBLEMS
