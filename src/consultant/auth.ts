import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import '@fastify/rate-limit'
import { HttpError } from '../http/problem.ts'
import type { ApiKeyIdentity, ApiKeyStore } from './api-keys.ts'
import { UnauthorizedError } from './errors.ts'

export interface AuthOptions {
  keys: ApiKeyStore
  /** Failed attempts one client may make per window before it is turned away without a check. */
  maxFailures: number
  failureWindowSeconds: number
}

const identities = new WeakMap<FastifyRequest, ApiKeyIdentity>()

/** The API key the request was authenticated with (set by the hook below). */
export function callerOf (request: FastifyRequest): ApiKeyIdentity {
  const identity = identities.get(request)
  if (!identity) throw new UnauthorizedError()
  return identity
}

/**
 * An onRequest hook requiring `Authorization: Bearer <key>`. Every failure answers the same 401,
 * whatever was wrong, and counts against the client; past the limit the client gets 429 before any
 * key is looked at, so guessing keys does not scale.
 */
export function requireApiKey (app: FastifyInstance, { keys, maxFailures, failureWindowSeconds }: AuthOptions): onRequestAsyncHookHandler {
  const failures = app.createRateLimit({
    max: maxFailures,
    timeWindow: failureWindowSeconds * 1000,
    keyGenerator: request => `api-auth-failures:${request.ip}`
  })

  return async request => {
    const seen = await failures(request, { increment: false })
    if (!seen.isAllowed && seen.remaining === 0) {
      throw new HttpError(429, 'rate_limited', 'Too many requests', 'Too many failed authentications; try again later.', {},
        { 'retry-after': String(Math.max(1, seen.ttlInSeconds)) })
    }
    const match = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')
    const identity = match ? await keys.authenticate(match[1]!) : undefined
    if (!identity) {
      await failures(request)
      throw new UnauthorizedError()
    }
    identities.set(request, identity)
  }
}
