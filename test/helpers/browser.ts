import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { buildTestApp, type TestApp } from './app.ts'

// Real-browser tests: Debian's Chromium driven by playwright-core against the app listening on
// 127.0.0.1. Where Chromium comes from:
// - TEST_CHROMIUM (CI always sets it): must exist, or every browser test fails saying so;
// - otherwise /usr/bin/chromium when installed;
// - otherwise the browser tests are reported as skipped with the reason: a developer's machine
//   without Chromium still runs the rest of the suite, while CI can never skip them silently.

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

export function locateChromium (env = process.env): { executablePath: string } | { skip: string } {
  const wanted = env.TEST_CHROMIUM
  if (wanted) {
    if (!existsSync(wanted)) {
      throw new Error(`TEST_CHROMIUM=${wanted} does not exist: install Chromium (apt-get install -y chromium) or point TEST_CHROMIUM at it`)
    }
    return { executablePath: wanted }
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM }
  return { skip: `no Chromium: ${DEBIAN_CHROMIUM} is absent and TEST_CHROMIUM is unset (apt-get install -y chromium to run the browser tests)` }
}

// Without the background-networking flags Chromium keeps calling Google's hosts, which this
// machine's closed network refuses. Playwright gives each launch a fresh, empty user-data-dir.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export function launchChromium (executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: FLAGS })
}

interface FileHooks { before: (fn: () => Promise<void>) => unknown, teardown: (fn: () => Promise<void>) => unknown }

/**
 * One Chromium for a test file, launched before its tests and closed after them. `skip` is the
 * reason to skip them (no Chromium on this machine), or false.
 */
export function chromiumFor (t: FileHooks): { skip: string | false, browser: () => Browser } {
  const found = locateChromium()
  if ('skip' in found) return { skip: found.skip, browser: () => { throw new Error(found.skip) } }
  let browser: Browser | undefined
  t.before(async () => { browser = await launchChromium(found.executablePath) })
  t.teardown(async () => { await browser?.close() })
  return { skip: false, browser: () => browser! }
}

export interface Served extends TestApp { url: string }

/** The real app on a fresh SQLite database, listening on an ephemeral port of 127.0.0.1. */
export async function serveApp (env: Record<string, string> = {}): Promise<Served> {
  const h = await buildTestApp({ kind: 'sqlite', env })
  await h.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = h.app.server.address() as AddressInfo
  return Object.assign(h, { url: `http://127.0.0.1:${port}` })
}

/** A page in a fresh browser context (its own cookies and cache); French unless told. */
export async function newPage (browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 800, height: 900 }, ...options })
  return context.newPage()
}

/** The app on a fresh database and a page of a fresh browser context showing its form at `path`. */
export async function openForm (t: Pick<FileHooks, 'teardown'>, browser: Browser, { path = '/', env = {}, context = {} }: { path?: string, env?: Record<string, string>, context?: BrowserContextOptions } = {}): Promise<{ app: Served, page: Page }> {
  const app = await serveApp(env)
  t.teardown(app.close)
  const page = await newPage(browser, context)
  await page.goto(`${app.url}${path}`)
  return { app, page }
}

/** Every request the page makes to the intake endpoint, as the browser sends them: method, content type, Idempotency-Key. */
export function intakeRequests (page: Page): Array<{ method: string, type: string | undefined, key: string | undefined }> {
  const seen: Array<{ method: string, type: string | undefined, key: string | undefined }> = []
  page.on('request', r => {
    if (r.url().endsWith('/api/leads')) seen.push({ method: r.method(), type: r.headers()['content-type'], key: r.headers()['idempotency-key'] })
  })
  return seen
}

const SCREENSHOTS = new URL('../../var/screenshots/', import.meta.url).pathname

/** Saves a full-page screenshot under var/screenshots/ (gitignored) for a person to look at. */
export async function screenshot (page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

export interface Visitor { fullName?: string, email?: string, projectType?: string, details?: string }

let counter = 0

/** A visitor's answers, unique per call so that duplicates never merge two tests' leads. */
export function visitor (overrides: Visitor = {}): Required<Visitor> {
  counter += 1
  return {
    fullName: 'Zoé « O’Brien » <b>Tazi</b>',
    email: `zoe.${process.pid}.${counter}@example.ma`,
    projectType: 'consulting',
    details: `Nous aimerions un audit de nos usages de l’IA & une feuille de route (demande ${counter}).`,
    ...overrides
  }
}

export async function fillForm (page: Page, v: Visitor): Promise<void> {
  if (v.fullName !== undefined) await page.fill('#ll-fullName', v.fullName)
  if (v.email !== undefined) await page.fill('#ll-email', v.email)
  if (v.projectType !== undefined) await page.selectOption('#ll-projectType', v.projectType)
  if (v.details !== undefined) await page.fill('#ll-details', v.details)
}

/** The field's value as the browser holds it. */
export function valueOf (page: Page, selector: string): Promise<string> {
  return page.$eval(selector, el => (el as HTMLInputElement).value)
}

/** The message shown next to a field, and whether the field is marked invalid and points at it. */
export async function fieldError (page: Page, field: string): Promise<{ message: string, invalid: boolean, described: boolean }> {
  return page.$eval(`#ll-${field}`, el => {
    const error = document.getElementById(`${el.id}-error`)
    return {
      message: error?.textContent ?? '',
      invalid: el.getAttribute('aria-invalid') === 'true',
      described: (el.getAttribute('aria-describedby') ?? '').split(' ').includes(`${el.id}-error`)
    }
  })
}
