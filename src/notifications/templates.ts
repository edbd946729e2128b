import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Handlebars from 'handlebars'
import { LOCALES, type Locale } from '../classification/taxonomy.ts'
import { EMAIL_NAMES, EMAILS, type EmailName, type EmailVars } from './emails.ts'

// Templates live in templates/<email>/<locale>/{subject,text,html}.hbs, with the HTML shell shared
// by every email in templates/layout.html.hbs. They are read and compiled once; render() is pure.

export const TEMPLATES_DIR = new URL('../../templates/', import.meta.url).pathname

export const SUBJECT_MAX = 150

// Line breaks of every kind (CR, LF, NEL U+0085, LS/PS U+2028/9), other control characters and the
// bidi controls that could disguise text: none may reach a header.
const NOT_IN_A_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]+/g

/** Text made safe for a header: one line, whitespace collapsed, at most `max` characters. */
export function oneLine (text: string, max = SUBJECT_MAX): string {
  const line = text.replace(NOT_IN_A_LINE, ' ').replace(/\s+/g, ' ').trim()
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`
}

export interface RenderedEmail { subject: string, text: string, html: string }

type Compiled = Record<'subject' | 'text' | 'html', Handlebars.TemplateDelegate>

export class TemplateVariablesError extends Error {
  constructor (readonly email: EmailName, readonly problems: string[]) {
    super(`template ${email}: invalid variables: ${problems.join('; ')}`)
    this.name = 'TemplateVariablesError'
  }
}

export function createRenderer (dir: string = TEMPLATES_DIR) {
  const hbs = Handlebars.create()
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  hbs.registerPartial('layout', readFileSync(join(dir, 'layout.html.hbs'), 'utf8'))
  // strict: a template naming a variable its schema does not give fails instead of printing nothing.
  const compile = (file: string, noEscape: boolean) => hbs.compile(readFileSync(file, 'utf8'), { strict: true, noEscape })

  const compiled = new Map<string, Compiled>()
  for (const name of EMAIL_NAMES) {
    for (const locale of LOCALES) {
      const folder = join(dir, name, locale)
      compiled.set(`${name}/${locale}`, {
        // Headers and text/plain are not HTML: escaping them would show "&amp;" to the reader.
        subject: compile(join(folder, 'subject.hbs'), true),
        text: compile(join(folder, 'text.hbs'), true),
        html: compile(join(folder, 'html.hbs'), false)
      })
    }
  }

  return {
    /** Renders one email; throws TemplateVariablesError when the variables do not fit its schema. */
    render<N extends EmailName> (name: N, locale: Locale, vars: EmailVars<N>): RenderedEmail {
      const parsed = EMAILS[name].safeParse(vars)
      if (!parsed.success) throw new TemplateVariablesError(name, parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`))
      const t = compiled.get(`${name}/${locale}`)!
      const rtl = locale === 'ar'
      const context = { ...parsed.data, locale, dir: rtl ? 'rtl' : 'ltr', align: rtl ? 'right' : 'left' }
      return {
        subject: oneLine(t.subject(context)),
        text: t.text(context).replace(/\n{3,}/g, '\n\n').trim() + '\n',
        html: t.html(context)
      }
    }
  }
}

export type Renderer = ReturnType<typeof createRenderer>
