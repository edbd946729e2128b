// Tests that run an entry point as its own process (`node --import tsx`, as npm start does).
//
// tap records V8 coverage in every descendant process. tsx compiles a module to a few very long
// lines, and c8 maps that coverage back to the source as about one statement a file; merged with
// the same file's coverage from the test processes (compiled another way), it replaced or muddled
// it, so the suite's totals moved from run to run. The children's coverage is therefore not
// recorded: the figures count what the test processes themselves run.
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** `node --import tsx ENTRY ARGS…`, as arguments for spawn / execFile with process.execPath. */
export const tsxArgs = (entry: string, ...args: string[]): string[] => ['--import', 'tsx', entry, ...args]

/** The environment of such a child: ours plus `extra`, with tap's coverage recording off. */
export const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
  ({ ...process.env, ...extra, _TAPJS_PROCESSINFO_COVERAGE_: '0' })
