// npm run email:preview -- NAME LOCALE: renders an email with sample data into var/preview/ so a
// person can open the subject, text and HTML parts. Without arguments, renders every email and locale.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LOCALES, type Locale } from '../../classification/taxonomy.ts'
import { EMAIL_NAMES, type EmailName } from '../emails.ts'
import { SAMPLES } from '../samples.ts'
import { createRenderer } from '../templates.ts'

const [name, locale] = process.argv.slice(2)
if ((name !== undefined && !EMAIL_NAMES.includes(name as EmailName)) || (locale !== undefined && !LOCALES.includes(locale as Locale))) {
  console.error(`usage: npm run email:preview -- [${EMAIL_NAMES.join('|')}] [${LOCALES.join('|')}]`)
  process.exit(2)
}

const renderer = createRenderer()
const out = resolve('var/preview')
mkdirSync(out, { recursive: true })
for (const n of name ? [name as EmailName] : EMAIL_NAMES) {
  for (const l of locale ? [locale as Locale] : LOCALES) {
    const email = renderer.render(n, l, SAMPLES[n])
    const base = join(out, `${n}.${l}`)
    writeFileSync(`${base}.subject.txt`, email.subject + '\n')
    writeFileSync(`${base}.txt`, email.text)
    writeFileSync(`${base}.html`, email.html)
    console.log(`${base}.{subject.txt,txt,html}`)
  }
}
