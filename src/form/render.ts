import { LOCALES, PROJECT_TYPE_LABELS, PROJECT_TYPES, projectTypeFromSelect, type Locale } from '../classification/taxonomy.ts'
import { escapeHtml } from '../http/html.ts'
import { fieldLabel } from '../http/messages.ts'
import type { FieldError } from '../http/problem.ts'
import { CONSENT_VERSION, consentNotice } from './consent.ts'
import { LANGUAGE_NAMES, TEXTS } from './texts.ts'

// The contact form as HTML: the page on GET /, the same form re-rendered when a plain post needs
// fixing, the fragment a site embeds, and the thank-you page. Every value that came from a request
// goes through escapeHtml.

export interface FormSettings {
  thankYouUrl: string
  privacyController: string | undefined
  privacyContact: string
}

export interface FormState {
  locale: Locale
  /** What the visitor sent, kept when the form comes back with errors. */
  values?: Record<string, string>
  errors?: FieldError[]
  /** What went wrong, shown above the fields. */
  problem?: { title: string, detail: string }
  /** Where the form posts and its assets live: '' on this service, the service's URL in an embed. */
  base?: string
}

/** Fields a visitor fills in; the others are carried as hidden inputs. */
const VISIBLE = ['fullName', 'email', 'projectType', 'details'] as const
/** Context a site or a script adds, kept through a re-render. */
const CARRIED = ['pageUrl', 'referrer', 'utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent'] as const

const BOUNDS = { fullName: 120, email: 254, details: 5000 }

const dirOf = (locale: Locale) => locale === 'ar' ? 'rtl' : 'ltr'
const attr = (name: string, value: string | undefined) => value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`
const id = (field: string) => `ll-${field}`

/** The thank-you address a plain post goes to, in the page's language when it is on this service. */
export function localThankYou (thankYouUrl: string, locale: Locale): string | undefined {
  if (!/^\/(?![/\\])/.test(thankYouUrl)) return undefined
  const url = new URL(thankYouUrl, 'http://service.invalid')
  url.searchParams.set('lang', locale)
  return url.pathname + url.search + url.hash
}

function httpUrl (value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch { return undefined }
}

function summary (state: FormState): string {
  if (!state.problem) return ''
  const t = TEXTS[state.locale]
  const items = (state.errors ?? []).map(e => {
    const label = escapeHtml(fieldLabel(e.field, state.locale))
    const name = (VISIBLE as readonly string[]).includes(e.field) ? `<a href="#${id(e.field)}">${label}</a>` : label
    return `<li>${name}${state.locale === 'fr' ? ' : ' : ': '}${escapeHtml(e.message)}</li>`
  })
  return `<p><strong>${escapeHtml(state.problem.title)}</strong> ${escapeHtml(state.problem.detail)}</p>` +
    (items.length ? `<p>${t.fieldsToFix}</p><ul>${items.join('')}</ul>` : '')
}

function field (name: typeof VISIBLE[number], state: FormState, control: (a: string) => string, { required, hint }: { required: boolean, hint?: string }): string {
  const error = state.errors?.find(e => e.field === name)
  const describedBy = [hint ? `${id(name)}-hint` : '', error ? `${id(name)}-error` : ''].filter(Boolean).join(' ')
  const firstError = state.errors?.find(e => (VISIBLE as readonly string[]).includes(e.field))
  const attrs = `id="${id(name)}" name="${name}"` +
    (required ? ' aria-required="true"' : '') +
    (error ? ' aria-invalid="true"' : '') +
    attr('aria-describedby', describedBy || undefined) +
    // Without JavaScript, the re-rendered page puts the visitor on the first thing to fix.
    (firstError?.field === name ? ' autofocus' : '')
  return `<div class="ll-field${error ? ' ll-invalid' : ''}">
<label for="${id(name)}">${escapeHtml(fieldLabel(name, state.locale))}${required ? ' <span class="ll-star" aria-hidden="true">*</span>' : ''}</label>
${hint ? `<p class="ll-hint" id="${id(name)}-hint">${escapeHtml(hint)}</p>\n` : ''}${control(attrs)}
<p class="ll-error" id="${id(name)}-error">${error ? escapeHtml(error.message) : ''}</p>
</div>`
}

function projectOptions (locale: Locale, value: string | undefined): string {
  const chosen = projectTypeFromSelect(value)
  const options = PROJECT_TYPES.map(code =>
    `<option value="${code}"${chosen === code ? ' selected' : ''}>${escapeHtml(PROJECT_TYPE_LABELS[code][locale])}</option>`)
  // A value another site's select sent that is not ours stays as it was.
  if (value && !chosen) options.push(`<option value="${escapeHtml(value)}" selected>${escapeHtml(value)}</option>`)
  return [`<option value="">${TEXTS[locale].choose}</option>`, ...options].join('')
}

function notice (state: FormState, settings: FormSettings): string {
  const n = consentNotice(state.locale, { controller: settings.privacyController })
  const mail = `<a href="mailto:${escapeHtml(settings.privacyContact)}" dir="ltr">${escapeHtml(settings.privacyContact)}</a>`
  const paragraphs = n.paragraphs.map(p => `<p>${escapeHtml(p).replace('{contact}', mail)}</p>`).join('\n')
  return `<section class="ll-notice" aria-labelledby="ll-notice-title">
<h2 id="ll-notice-title">${escapeHtml(n.title)}</h2>
${paragraphs}
<p class="ll-version">${escapeHtml(n.versionLabel)} <bdi dir="ltr">${CONSENT_VERSION}</bdi></p>
</section>`
}

/** The <form> element alone: what GET / shows and what a site embeds. */
export function renderForm (settings: FormSettings, state: FormState): string {
  const { locale } = state
  const t = TEXTS[locale]
  const v = state.values ?? {}
  const base = state.base ?? ''
  const redirect = v.redirect ?? localThankYou(settings.thankYouUrl, locale)
  const hidden = [
    ['locale', locale], ['consent', 'true'], ['consentVersion', CONSENT_VERSION], ['redirect', redirect],
    // A carried value the service refused is dropped: the visitor could not fix a hidden field.
    ...CARRIED.map(name => [name, state.errors?.some(e => e.field === name) ? '' : v[name] ?? ''])
  ].filter(([, value]) => value !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`).join('\n')
  const fields = [
    field('fullName', state, a => `<input type="text" ${a} autocomplete="name" dir="auto" maxlength="${BOUNDS.fullName}" value="${escapeHtml(v.fullName)}">`, { required: true }),
    field('email', state, a => `<input type="email" ${a} autocomplete="email" dir="ltr" maxlength="${BOUNDS.email}" value="${escapeHtml(v.email)}">`, { required: true }),
    field('projectType', state, a => `<select ${a}>${projectOptions(locale, v.projectType)}</select>`, { required: false }),
    field('details', state, a => `<textarea ${a} dir="auto" rows="6" maxlength="${BOUNDS.details}">${escapeHtml(v.details)}</textarea>`, { required: true, hint: t.detailsHint })
  ].join('\n')

  // novalidate: the service's messages (in the page's language, with its exact rules) replace the
  // browser's bubbles, which speak the browser's language and block the post.
  return `<form class="ll-form" method="post" action="${escapeHtml(base)}/api/leads" accept-charset="utf-8" novalidate lang="${locale}" dir="${dirOf(locale)}"
 data-leadline data-msg-sending="${escapeHtml(t.sending)}" data-msg-network="${escapeHtml(t.networkError)}" data-msg-fix="${escapeHtml(t.fieldsToFix)}" data-msg-thanks-title="${escapeHtml(t.thanksTitle)}" data-msg-thanks-body="${escapeHtml(t.thanksBody)}">
<div class="ll-summary" id="ll-summary" role="alert" tabindex="-1"${state.problem && !state.errors?.some(e => (VISIBLE as readonly string[]).includes(e.field)) ? ' autofocus' : ''}>${summary(state)}</div>
<div class="ll-success" role="status" tabindex="-1"></div>
<div class="ll-fields">
${hidden}
<p class="ll-required">${escapeHtml(t.requiredHint)}</p>
${fields}
<div class="ll-hp" aria-hidden="true">
<label for="${id('website')}">${escapeHtml(t.honeypot)}</label>
<input type="text" id="${id('website')}" name="website" tabindex="-1" autocomplete="off" value="${escapeHtml(v.website)}">
</div>
${notice(state, settings)}
<button type="submit" class="ll-submit">${escapeHtml(t.submit)}</button>
</div>
</form>`
}

/** What a site pastes to show the form: its stylesheet, its script and the form, all from `base`. */
export function renderEmbedSnippet (settings: FormSettings, locale: Locale, base: string): string {
  return `<!-- Leadline contact form, served by ${escapeHtml(base)}: this site's origin must be in its CORS_ORIGINS. -->
<link rel="stylesheet" href="${escapeHtml(base)}/form/form.css">
<script src="${escapeHtml(base)}/form/form.js" defer></script>
${renderForm(settings, { locale, base })}
`
}

function page (locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}" dir="${dirOf(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/form/form.css">
<script src="/form/form.js" defer></script>
</head>
<body>
<main class="ll-page">
${body}
</main>
</body>
</html>
`
}

function languageSwitch (locale: Locale, path: string): string {
  const links = LOCALES.map(l => l === locale
    ? `<a href="${path}?lang=${l}" lang="${l}" hreflang="${l}" aria-current="page">${LANGUAGE_NAMES[l]}</a>`
    : `<a href="${path}?lang=${l}" lang="${l}" hreflang="${l}">${LANGUAGE_NAMES[l]}</a>`)
  return `<nav class="ll-langs" aria-label="${TEXTS[locale].languages}">${links.join(' ')}</nav>`
}

/** GET /, and the same page with the visitor's values and what to fix after a plain post failed. */
export function renderFormPage (settings: FormSettings, state: FormState): string {
  const t = TEXTS[state.locale]
  const back = httpUrl(state.values?.pageUrl)
  const title = state.problem ? `${state.problem.title} – ${t.title}` : t.title
  return page(state.locale, title, `${languageSwitch(state.locale, '/')}
<h1>${escapeHtml(t.title)}</h1>
<p class="ll-intro">${escapeHtml(t.intro)}</p>
${renderForm(settings, state)}
${back ? `<p class="ll-back"><a href="${escapeHtml(back)}">${escapeHtml(t.backToPage)}</a></p>` : ''}`)
}

/** Where a plain post lands by default (THANK_YOU_URL=/thank-you). */
export function renderThankYouPage (locale: Locale, { formPage }: { formPage: boolean }): string {
  const t = TEXTS[locale]
  return page(locale, t.thanksTitle, `<div class="ll-thanks" role="status">
<h1>${escapeHtml(t.thanksTitle)}</h1>
<p>${escapeHtml(t.thanksBody)}</p>
</div>
${formPage ? `<p><a href="/?lang=${locale}">${escapeHtml(t.backToForm)}</a></p>` : ''}`)
}
