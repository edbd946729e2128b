// The part of autocannon 8's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  function autocannon (options: autocannon.Options): Promise<autocannon.Result> & { stop: () => void }
  namespace autocannon {
    interface Histogram { average: number, mean: number, stddev: number, min: number, max: number, total: number, p50: number, p90: number, p99: number, p99_9: number }
    interface RawRequest { method?: string, path?: string, headers?: Record<string, string>, body?: string | Buffer }
    interface RequestSpec extends RawRequest {
      setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest | undefined
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void
    }
    interface Options extends RawRequest {
      url: string
      connections?: number
      duration?: number
      amount?: number
      timeout?: number
      overallRate?: number
      requests?: RequestSpec[]
    }
    interface Result {
      duration: number
      requests: Histogram
      latency: Histogram
      errors: number
      timeouts: number
      non2xx: number
      '2xx': number
      statusCodeStats: Record<string, { count: number }>
    }
  }
  export = autocannon
}
