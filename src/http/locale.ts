import { LOCALES, type Locale } from '../classification/taxonomy.ts'

function isLocale (v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v)
}

/** The best of our locales for an Accept-Language header (RFC 9110 §12.5.4), French by default. */
function localeFromAcceptLanguage (header: string | undefined): Locale {
  if (!header) return 'fr'
  const ranked = header.split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().split(';')
    const q = params.map(p => p.trim()).find(p => p.startsWith('q='))
    return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, i }
  }).filter(r => r.q > 0 && !Number.isNaN(r.q)).sort((a, b) => b.q - a.q || a.i - b.i)
  return ranked.map(r => r.lang).find(isLocale) ?? 'fr'
}

/** The visitor's locale: an explicit `locale` field wins over the browser's Accept-Language. */
export function requestLocale (explicit: unknown, acceptLanguage: string | undefined): Locale {
  return isLocale(explicit) ? explicit : localeFromAcceptLanguage(acceptLanguage)
}
