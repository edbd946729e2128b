import type { Locale } from '../classification/taxonomy.ts'

// The form's own words. Field labels come from src/http/messages.ts (the error messages name the
// same fields) and the project types from the taxonomy.

export interface FormTexts {
  title: string
  intro: string
  languages: string
  requiredHint: string
  choose: string
  detailsHint: string
  honeypot: string
  submit: string
  sending: string
  networkError: string
  thanksTitle: string
  thanksBody: string
  backToForm: string
  backToPage: string
  fieldsToFix: string
}

export const TEXTS: Record<Locale, FormTexts> = {
  fr: {
    title: 'Besoin d’aide pour un projet IA ?',
    intro: 'Décrivez votre projet en quelques lignes : nous revenons vers vous rapidement.',
    languages: 'Langue',
    requiredHint: 'Les champs marqués d’un astérisque (*) sont obligatoires.',
    choose: '— Choisir —',
    detailsHint: 'Votre besoin, votre secteur, vos délais : au moins 10 caractères.',
    honeypot: 'Ne pas remplir ce champ',
    submit: 'Envoyer ma demande',
    sending: 'Envoi en cours…',
    networkError: 'Votre demande n’a pas pu être envoyée : la connexion a échoué. Ce que vous avez écrit est conservé ; vérifiez votre connexion puis réessayez.',
    thanksTitle: 'Merci !',
    thanksBody: 'Votre demande a bien été envoyée. Nous revenons vers vous rapidement.',
    backToForm: 'Envoyer une autre demande',
    backToPage: 'Revenir à la page précédente',
    fieldsToFix: 'À corriger :'
  },
  en: {
    title: 'Need help with an AI project?',
    intro: 'Describe your project in a few lines: we will get back to you shortly.',
    languages: 'Language',
    requiredHint: 'Fields marked with an asterisk (*) are required.',
    choose: '— Choose —',
    detailsHint: 'Your need, your sector, your timeline: at least 10 characters.',
    honeypot: 'Leave this field empty',
    submit: 'Send my request',
    sending: 'Sending…',
    networkError: 'Your request could not be sent: the connection failed. What you wrote is kept; check your connection and try again.',
    thanksTitle: 'Thank you!',
    thanksBody: 'Your request has been sent. We will get back to you shortly.',
    backToForm: 'Send another request',
    backToPage: 'Back to the previous page',
    fieldsToFix: 'Please fix:'
  },
  ar: {
    title: 'هل تحتاج إلى مساعدة في مشروع ذكاء اصطناعي؟',
    intro: 'صف مشروعك في بضعة أسطر وسنعود إليك قريبًا.',
    languages: 'اللغة',
    requiredHint: 'الحقول المشار إليها بعلامة النجمة (*) إلزامية.',
    choose: '— اختر —',
    detailsHint: 'حاجتك وقطاعك وآجالك: 10 أحرف على الأقل.',
    honeypot: 'لا تملأ هذا الحقل',
    submit: 'أرسل طلبي',
    sending: 'جارٍ الإرسال…',
    networkError: 'تعذر إرسال طلبك: فشل الاتصال. ما كتبته محفوظ؛ تحقق من اتصالك ثم أعد المحاولة.',
    thanksTitle: 'شكرًا لك!',
    thanksBody: 'تم إرسال طلبك بنجاح. سنعود إليك قريبًا.',
    backToForm: 'إرسال طلب آخر',
    backToPage: 'العودة إلى الصفحة السابقة',
    fieldsToFix: 'يرجى تصحيح:'
  }
}

/** Each language named in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = { fr: 'Français', en: 'English', ar: 'العربية' }
