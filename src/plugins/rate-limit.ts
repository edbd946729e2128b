import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import { Redis } from 'ioredis'
import { HttpError } from '../http/problem.ts'

export interface RateLimitOptions {
  /** Shared counters for several instances; in process memory when absent. */
  redisUrl: string | undefined
}

/**
 * Registers @fastify/rate-limit without a global limit: routes opt in with `config.rateLimit`.
 * Counters live in Redis when REDIS_URL is set, so several instances share one limit per client.
 */
export const rateLimiting = fp<RateLimitOptions>(async (app, { redisUrl }) => {
  const redis = redisUrl ? new Redis(redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true }) : undefined
  if (redis) {
    await redis.connect()
    app.addHook('onClose', async () => { await redis.quit() })
  }
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'leadline:rate:' } : {}),
    // A Redis outage must not turn away genuine visitors: skip limiting until it is back.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => new HttpError(429, 'rate_limited', 'Too many requests',
      'Too many requests.', {}, { 'retry-after': String(Math.ceil(context.ttl / 1000)) })
  })
}, { name: 'rate-limit' })
