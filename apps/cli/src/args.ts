import { parseArgs } from 'node:util'
import { parseDuration } from './duration.js'
import { UsageError } from './failure.js'

export const usage = `codecatalyst-runs: check on and wait for Amazon CodeCatalyst workflow runs

Usage:
  codecatalyst-runs get   --space S --project P --id ID [--json] [--endpoint URL]
  codecatalyst-runs watch --space S --project P --id ID [--interval 5s] [--timeout 30m] [--json] [--endpoint URL]
  codecatalyst-runs --help | --version | <command> --help

Commands:
  get      Print the run: status, workflow, start, end, duration, last update, status reasons.
  watch    Poll until the run reaches a terminal status, then print it. Ctrl-C stops watching.

Options:
  --space S         The name of the space.
  --project P       The name of the project in the space.
  --id ID           The ID of the workflow run (a UUID).
  --json            Print JSON (timestamps in ISO 8601); watch prints one object per status change.
  --interval D      watch: time between polls (default 5s). Units: ms, s, m, h.
  --timeout D       watch: give up after this long (default 30m). Units: ms, s, m, h.
  --endpoint URL    The API endpoint (default: CODECATALYST_ENDPOINT, else the AWS endpoint).
  --debug           On failure, print the error's full details.
  -h, --help        Show this help.
  -v, --version     Show the version.

Environment:
  CODECATALYST_TOKEN      A CodeCatalyst personal access token (required; never taken from a flag).
  CODECATALYST_ENDPOINT   The API endpoint, unless --endpoint is given.

Exit codes:
  0    get succeeded; watch ended in SUCCEEDED
  1    watch ended in any other terminal status
  2    usage error or invalid input (unknown flag, missing option, bad id, no token); nothing is sent
  3    the API answered with an error (its message, error name and request id are shown)
  4    network failure or timeout after retries, including watch --timeout
  130  interrupted (Ctrl-C); 143 when stopped by SIGTERM
`

export interface RunCommand {
  readonly command: 'get' | 'watch'
  readonly input: { spaceName: string; projectName: string; id: string }
  readonly json: boolean
  readonly endpoint: string | undefined
  readonly intervalMs: number
  readonly timeoutMs: number
  readonly debug: boolean
}

export type Command = RunCommand | { readonly command: 'help' } | { readonly command: 'version' }

const options = {
  space: { type: 'string' },
  project: { type: 'string' },
  id: { type: 'string' },
  json: { type: 'boolean' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  endpoint: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(safeParseMessage(error))
  }
  const { values, positionals } = parsed
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  const [command, ...extra] = positionals
  if (command === undefined) throw new UsageError('No command given: use get or watch.')
  if (command !== 'get' && command !== 'watch') {
    throw new UsageError(`Unknown command ${JSON.stringify(command)}: use get or watch.`)
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}.`)
  if (command === 'get' && (values.interval !== undefined || values.timeout !== undefined)) {
    throw new UsageError('--interval and --timeout only apply to watch.')
  }
  for (const name of ['space', 'project', 'id'] as const) {
    if (!values[name]) throw new UsageError(`Missing option --${name}.`)
  }
  if (!env.CODECATALYST_TOKEN) {
    throw new UsageError(
      'No token: set CODECATALYST_TOKEN to a CodeCatalyst personal access token.',
    )
  }
  return {
    command,
    input: {
      spaceName: values.space as string,
      projectName: values.project as string,
      id: values.id as string,
    },
    json: values.json ?? false,
    endpoint: values.endpoint ?? (env.CODECATALYST_ENDPOINT || undefined),
    intervalMs: duration('--interval', values.interval ?? '5s'),
    timeoutMs: duration('--timeout', values.timeout ?? '30m'),
    debug: values.debug ?? false,
  }
}

function duration(flag: string, text: string): number {
  const ms = parseDuration(text)
  if (ms === undefined) {
    throw new UsageError(
      `${flag} takes a duration such as 500ms, 5s, 2m or 1h, not ${JSON.stringify(text)}.`,
    )
  }
  return ms
}

// parseArgs quotes the argument as given; `--token=secret` must not echo the secret.
function safeParseMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const option = /'(-{1,2}[^'=\s]*)/.exec(message)?.[1]
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const hint = option === '--token' ? ' The token comes from CODECATALYST_TOKEN only.' : ''
    return `Unknown option ${option}.${hint}`
  }
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return `Option ${option} needs a value.`
  }
  return message.split('\n')[0] ?? message
}
