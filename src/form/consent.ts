import type { Locale } from '../classification/taxonomy.ts'

// The privacy notice shown under the form (GDPR art. 13; Morocco's law 09-08, art. 5): who collects,
// why, how long, the visitor's rights and where to complain. Its version is posted with every lead
// (consentVersion) so the consultant can tell which wording a person saw: change the version
// whenever the wording of any language changes. The retention stated here must match the
// retention policy the consultant API applies (issue 5).
export const CONSENT_VERSION = '2026-11-29'

export interface NoticeParties {
  /** Who collects (PRIVACY_CONTROLLER); a generic wording when unset. */
  controller: string | undefined
  /** Where rights are exercised (PRIVACY_CONTACT). */
  contact: string
}

export interface ConsentNotice {
  title: string
  /** Paragraphs of plain text; `{contact}` marks where the contact address goes as a link. */
  paragraphs: string[]
  versionLabel: string
}

const GENERIC_CONTROLLER: Record<Locale, string> = {
  fr: 'le consultant qui publie ce site',
  en: 'the consultant who publishes this site',
  ar: 'المستشار الذي ينشر هذا الموقع'
}

export function consentNotice (locale: Locale, { controller }: Pick<NoticeParties, 'controller'>): ConsentNotice {
  const who = controller ?? GENERIC_CONTROLLER[locale]
  switch (locale) {
    case 'fr': return {
      title: 'Vos données personnelles',
      paragraphs: [
        `Les informations de ce formulaire sont collectées par ${who}, uniquement pour répondre à votre demande et en assurer le suivi. Elles ne sont ni vendues ni cédées.`,
        'Elles sont conservées au plus 3 ans après notre dernier échange, puis effacées.',
        'Vous pouvez y accéder, les rectifier, les effacer ou vous opposer à leur traitement en écrivant à {contact}, et saisir la CNDP (Maroc) ou l’autorité de protection des données de votre pays.',
        'En envoyant ce formulaire, vous acceptez ce traitement.'
      ],
      versionLabel: 'Version de la notice :'
    }
    case 'en': return {
      title: 'Your personal data',
      paragraphs: [
        `The information in this form is collected by ${who}, only to answer your request and follow it up. It is never sold or passed on.`,
        'It is kept for at most 3 years after our last exchange, then erased.',
        'You can access, correct or erase it, or object to its use, by writing to {contact}, and you can complain to the CNDP (Morocco) or to your country’s data protection authority.',
        'By sending this form, you agree to this use of your data.'
      ],
      versionLabel: 'Notice version:'
    }
    case 'ar': return {
      title: 'معطياتك الشخصية',
      paragraphs: [
        `يجمع ${who} المعلومات الواردة في هذه الاستمارة فقط للرد على طلبك ومتابعته، ولا تُباع ولا تُنقل إلى أي طرف آخر.`,
        'تُحفظ لمدة أقصاها 3 سنوات بعد آخر تواصل بيننا، ثم تُمحى.',
        'يمكنك الاطلاع عليها أو تصحيحها أو محوها أو الاعتراض على معالجتها بالكتابة إلى {contact}، كما يمكنك تقديم شكوى إلى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي (CNDP، المغرب) أو إلى سلطة حماية المعطيات في بلدك.',
        'بإرسال هذه الاستمارة، فإنك توافق على هذه المعالجة.'
      ],
      versionLabel: 'إصدار الإشعار:'
    }
  }
}
