import type { FastifyServerOptions } from 'fastify'
import type { DestinationStream } from 'pino'

/**
 * Logger settings: no request bodies, headers or client addresses ever reach a log line (they hold
 * the prospect's name, e-mail, message and IP). Request lines are written by the onResponse hook
 * in app.ts with the route pattern, never the URL with its query string.
 */
export function loggerOptions (level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ['req.headers', 'req.body', 'body', 'email', 'fullName', 'details', 'phone', 'company', 'ip', '*.email', '*.fullName', '*.details', '*.ip', 'err.input', '*.authorization', 'headers'],
      censor: '[redacted]'
    },
    serializers: {
      req: (req: { id: string, method: string, routeOptions?: { url?: string } }) => ({ id: req.id, method: req.method, route: req.routeOptions?.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode })
    }
  }
}
