import type { FastifyRequest } from 'fastify'
import type { Locale } from '../classification/taxonomy.ts'
import { escapeHtml } from '../http/html.ts'
import { fieldLabel } from '../http/messages.ts'
import type { Problem } from '../http/problem.ts'

const BACK: Record<Locale, string> = { fr: 'Revenir au formulaire', en: 'Back to the form', ar: 'العودة إلى الاستمارة' }
const BACK_HINT: Record<Locale, string> = {
  fr: 'Utilisez le bouton « Retour » de votre navigateur : ce que vous avez écrit y est conservé.',
  en: 'Use your browser’s Back button: what you wrote is kept there.',
  ar: 'استعمل زر «رجوع» في متصفحك: ما كتبته محفوظ هناك.'
}
const FIX: Record<Locale, string> = { fr: 'À corriger :', en: 'Please fix:', ar: 'يرجى تصحيح:' }

/** Where "back" goes: the page the form was on, when it is an http(s) address. */
function backHref (request: FastifyRequest): string | undefined {
  const body = request.body as { pageUrl?: unknown } | undefined
  for (const candidate of [body?.pageUrl, request.headers.referer]) {
    if (typeof candidate !== 'string') continue
    try {
      const url = new URL(candidate)
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href
    } catch {}
  }
  return undefined
}

/** The page a visitor sees when their plain HTML form post needs fixing. */
export function renderProblemPage (problem: Problem, request: FastifyRequest, locale: Locale): string {
  const dir = locale === 'ar' ? 'rtl' : 'ltr'
  const items = (problem.errors ?? [])
    .map(e => `<li><strong>${escapeHtml(fieldLabel(e.field, locale))}</strong> : ${escapeHtml(e.message)}</li>`).join('\n')
  const back = backHref(request)
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(problem.title)}</title></head>
<body>
<main role="alert">
<h1>${escapeHtml(problem.title)}</h1>
<p>${escapeHtml(problem.detail)}</p>
${items ? `<p>${FIX[locale]}</p>\n<ul>\n${items}\n</ul>` : ''}
<p>${back ? `<a href="${escapeHtml(back)}">${BACK[locale]}</a>` : BACK_HINT[locale]}</p>
</main>
</body>
</html>
`
}
