import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'

// Child processes under test: the real service and the bare baseline servers. Each runs in its own
// process group, so stopping it also stops anything it started (the migrator); every child still
// alive when the benchmark ends, fails or is interrupted is killed.

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

const live = new Set<ChildProcess>()
// /proc reports CPU time in USER_HZ ticks, 100 a second on every Linux architecture.
const CLOCK_TICKS_PER_SECOND = 100

export interface Child {
  pid: number
  port: number
  baseUrl: string
  /** Milliseconds from spawn to the first 200 from the ready path. */
  readyMs: number
  /** The last lines the process printed (stdout and stderr), for error messages. */
  output: () => string
  stop: () => Promise<void>
}

export interface StartOptions {
  /** The TypeScript entry, relative to the repository root. */
  entry: string
  env: Record<string, string>
  readyPath?: string
  timeoutMs?: number
}

/** A port the kernel just handed out and released: free unless another process grabs it meanwhile. */
export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')))
    })
  })
}

/** GET on 127.0.0.1; resolves with the status (0 when the connection failed). */
export function httpStatus (port: number, path: string, timeoutMs = 1000): Promise<number> {
  return new Promise(resolve => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: timeoutMs }, res => {
      res.resume()
      res.once('end', () => resolve(res.statusCode ?? 0))
    })
    req.once('timeout', () => req.destroy())
    req.once('error', () => resolve(0))
    req.end()
  })
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

export async function startChild ({ entry, env, readyPath = '/ready', timeoutMs = 60_000 }: StartOptions): Promise<Child> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    // Only what the child needs: nothing from the caller's shell (DATABASE_URL, REDIS_URL...) leaks in.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  live.add(child)
  let tail = ''
  const keep = (chunk: Buffer) => { tail = (tail + chunk.toString()).slice(-4000) }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let exited: number | null | undefined
  const exit = new Promise<void>(resolve => child.once('exit', code => { exited = code; live.delete(child); resolve() }))

  const stop = async (): Promise<void> => {
    if (exited !== undefined) return
    signal(child, 'SIGTERM')
    const killed = await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)])
    if (!killed) {
      signal(child, 'SIGKILL')
      await exit
    }
  }

  const deadline = started + timeoutMs
  for (;;) {
    if (exited !== undefined) throw new Error(`${entry} exited (code ${exited}) before it was ready:\n${tail.trim()}`)
    if (performance.now() > deadline) {
      await stop()
      throw new Error(`${entry} was not ready after ${timeoutMs} ms:\n${tail.trim()}`)
    }
    if (await httpStatus(port, readyPath, 500) === 200) break
    await sleep(20)
  }
  return { pid: child.pid!, port, baseUrl: `http://127.0.0.1:${port}`, readyMs: performance.now() - started, output: () => tail, stop }
}

function signal (child: ChildProcess, sig: NodeJS.Signals): void {
  try { process.kill(-child.pid!, sig) } catch { /* already gone */ }
}

/** Kills every child still running (SIGKILL: the benchmark is ending or failing). */
export function killAll (): void {
  for (const child of live) signal(child, 'SIGKILL')
  live.clear()
}

/** Resident set size of a process in MB, from /proc (undefined once it is gone). */
export function rssMb (pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb === undefined ? undefined : Number(kb) / 1024
  } catch {
    return undefined
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMs (pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 1000 / CLOCK_TICKS_PER_SECOND
}

export interface RssSampler { stop: () => { startMb: number, peakMb: number, endMb: number, samples: number } }

/** Samples VmRSS every `everyMs` until stopped. */
export function sampleRss (pid: number, everyMs = 50): RssSampler {
  const startMb = rssMb(pid) ?? 0
  let peakMb = startMb
  let endMb = startMb
  let samples = 1
  const timer = setInterval(() => {
    const mb = rssMb(pid)
    if (mb === undefined) return
    samples++
    endMb = mb
    if (mb > peakMb) peakMb = mb
  }, everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      const mb = rssMb(pid)
      if (mb !== undefined) { endMb = mb; peakMb = Math.max(peakMb, mb) }
      return { startMb, peakMb, endMb, samples }
    }
  }
}
