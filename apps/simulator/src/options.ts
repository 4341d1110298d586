// The command line of `pnpm sim`: flags to SimulatorOptions, and a clear error for bad ones.
import { parseArgs } from 'node:util'
import { defaultStepMs, type SimulatorOptions } from './server.ts'

export const usage = `Usage: pnpm sim [--step 2s] [--rate-limit N [--retry-after S]]

Starts the CodeCatalyst simulator and Prism's validation proxy in front of it, both on
127.0.0.1 and free ports, and prints the proxy's URL. Ctrl-C stops both.

  --step D          how long each of VALIDATING, PROVISIONING and IN_PROGRESS lasts
                    (default ${defaultStepMs / 1000}s; ms and s, e.g. 250ms, 0.5s, 2s)
  --rate-limit N    at most N requests per second per token; more get 429 ThrottlingException
  --retry-after S   with --rate-limit: send Retry-After: S (whole seconds) with each 429
  -h, --help        show this help
`

export class UsageError extends Error {}

export type SimCommand =
  | { readonly help: true }
  | { readonly help: false; readonly options: SimulatorOptions }

/** The options the flags ask for; a UsageError naming the flag for anything else. */
export function parseSimArgs(argv: readonly string[]): SimCommand {
  const values = flags(argv)
  if (values.help) return { help: true }
  const options: { -readonly [K in keyof SimulatorOptions]: SimulatorOptions[K] } = {}
  if (values.step !== undefined) options.stepMs = duration('--step', values.step)
  if (values['rate-limit'] !== undefined) {
    options.rateLimit = wholeNumber('--rate-limit', values['rate-limit'])
  }
  if (values['retry-after'] !== undefined) {
    if (options.rateLimit === undefined) {
      throw new UsageError('--retry-after only applies with --rate-limit.')
    }
    options.retryAfterSeconds = wholeNumber('--retry-after', values['retry-after'])
  }
  return { help: false, options }
}

function flags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        step: { type: 'string' },
        'rate-limit': { type: 'string' },
        'retry-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function duration(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text.trim())
  const ms = match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : Number.NaN
  if (!(ms >= 1) || !Number.isFinite(ms)) {
    throw new UsageError(
      `${flag} takes a duration of at least 1ms such as 250ms or 2s, not ${JSON.stringify(text)}.`,
    )
  }
  return Math.round(ms)
}

function wholeNumber(flag: string, text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${flag} takes a whole number of at least 1, not ${JSON.stringify(text)}.`)
  }
  return value
}
