import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../config.ts'
import { requestLocale } from '../http/locale.ts'
import { renderEmbedSnippet, renderFormPage, renderThankYouPage, type FormSettings } from './render.ts'

export interface FormRoutesOptions {
  config: Pick<Config, 'thankYouUrl' | 'form' | 'publicBaseUrl'>
}

export function formSettings (config: FormRoutesOptions['config']): FormSettings {
  return { thankYouUrl: config.thankYouUrl, privacyController: config.form.privacyController, privacyContact: config.form.privacyContact }
}

interface Asset { body: Buffer, type: string, etag: string }

function asset (file: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url))
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }
}

const pageQuery = z.object({
  lang: z.string().optional(),
  utm_source: z.string().optional(),
  utm_medium: z.string().optional(),
  utm_campaign: z.string().optional(),
  utm_term: z.string().optional(),
  utm_content: z.string().optional()
})

const HTML = 'text/html; charset=utf-8'

/** The pages speak the visitor's language, so caches must key them on Accept-Language too. */
function localized (reply: FastifyReply, locale: string): FastifyReply {
  const vary = reply.getHeader('vary')
  return reply.type(HTML).header('content-language', locale).header('vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language')
}

export const formRoutes: FastifyPluginAsyncZod<FormRoutesOptions> = async (app, { config }) => {
  const settings = formSettings(config)
  const assets: Record<string, Asset> = {
    'form.js': asset('form.js', 'text/javascript; charset=utf-8'),
    'form.css': asset('form.css', 'text/css; charset=utf-8')
  }

  // Sites that embed the form load these from their own pages: another origin, hence the
  // Cross-Origin-Resource-Policy that helmet sets to same-origin everywhere else.
  app.get('/form/:file', { schema: { hide: true, params: z.object({ file: z.enum(['form.js', 'form.css']) }) } }, async (request, reply) => {
    const a = assets[request.params.file]!
    reply.header('cross-origin-resource-policy', 'cross-origin').header('cache-control', 'public, max-age=300').header('etag', a.etag)
    if (request.headers['if-none-match'] === a.etag) return reply.code(304).send()
    return reply.type(a.type).send(a.body)
  })

  // The embed snippet for this deployment (README: "Embedding the form"), with absolute addresses.
  app.get('/form/snippet', { schema: { hide: true, querystring: pageQuery.pick({ lang: true }) } }, async (request, reply) => {
    const locale = requestLocale(request.query.lang, request.headers['accept-language'])
    return reply.type('text/plain; charset=utf-8').send(renderEmbedSnippet(settings, locale, config.publicBaseUrl))
  })

  app.get('/thank-you', { schema: { hide: true, querystring: pageQuery.pick({ lang: true }) } }, async (request, reply) => {
    const locale = requestLocale(request.query.lang, request.headers['accept-language'])
    return localized(reply, locale).send(renderThankYouPage(locale, { formPage: config.form.pageEnabled }))
  })

  if (!config.form.pageEnabled) return
  app.get('/', { schema: { hide: true, querystring: pageQuery } }, async (request, reply) => {
    const q = request.query
    const locale = requestLocale(q.lang, request.headers['accept-language'])
    const values = Object.fromEntries(Object.entries({
      utmSource: q.utm_source, utmMedium: q.utm_medium, utmCampaign: q.utm_campaign, utmTerm: q.utm_term, utmContent: q.utm_content
    }).filter((e): e is [string, string] => e[1] !== undefined))
    return localized(reply, locale).send(renderFormPage(settings, { locale, values }))
  })
}
