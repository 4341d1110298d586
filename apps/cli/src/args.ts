import { parseArgs } from 'node:util'
import { type CommandName, commandNames, type Flag, optionDefinitions } from './definition.js'
import { parseDuration } from './duration.js'
import { UsageError } from './failure.js'

export const usage = `codecatalyst-runs: find, start, check on and wait for Amazon CodeCatalyst workflow runs

Usage:
  codecatalyst-runs workflows --space S --project P [--json]
  codecatalyst-runs list      --space S --project P --workflow W [--branch B] [--limit 20] [--json]
  codecatalyst-runs start     --space S --project P --workflow W [--branch B] [--client-token T]
                              [--wait [--interval 5s] [--timeout 30m]] [--json]
  codecatalyst-runs get       --space S --project P --id ID [--json]
  codecatalyst-runs watch     --space S --project P (ID… | --id ID… | --latest --workflow W
                              | --active --workflow W) [--branch B] [--interval 5s] [--timeout 30m]
                              [--json]
  codecatalyst-runs --help | --version | <command> --help
  Every command also takes --endpoint URL, --header 'Name: value' and --debug.

Commands:
  workflows  List the project's workflows: name, branch, id, status.
  list       List the runs of a workflow, in the service's order (at most --limit, default 20).
  start      Start a run of a workflow and print its id; with --wait, then watch it.
  get        Print a run: status, workflow, start, end, duration, last update, status reasons.
  watch      Poll one run or several until each reaches a terminal status, then print them; exit
             with the worst outcome. Ctrl-C stops watching.

Options:
  --space S          The name of the space (default: CODECATALYST_SPACE).
  --project P        The name of the project in the space (default: CODECATALYST_PROJECT).
  --id ID            The ID of the workflow run (a UUID). watch takes several (--id A --id B, or
                     the ids alone: watch A B).
  --workflow W       A workflow, by its name (exact, case-sensitive) or its ID.
  --branch B         The branch of the workflow, when its name exists on several branches.
  --latest           watch: the run of --workflow that started last (every page is read).
  --active           watch: every run of --workflow not yet ended (every page is read).
  --limit N          list: print at most N runs (default 20).
  --client-token T   start: an idempotency token; the same token never starts a second run.
  --wait             start: then watch the run, exit codes included.
  --json             Print JSON, one object per line (timestamps in ISO 8601); watch prints
                     one object per status change.
  --interval D       watch, start --wait: time between polls (default 5s). Units: ms, s, m, h.
  --timeout D        watch, start --wait: give up after this long (default 30m).
  --endpoint URL     The API endpoint (default: CODECATALYST_ENDPOINT, else the AWS endpoint).
  --header 'N: V'    Send this header with every request (repeatable), e.g. for a proxy.
  --debug            Log every request to stderr, and on failure print the error's details.
  -h, --help         Show this help.
  -v, --version      Show the version.

Environment:
  CODECATALYST_TOKEN      A CodeCatalyst personal access token (required; never taken from a flag).
  CODECATALYST_ENDPOINT   The API endpoint, unless --endpoint is given.
  CODECATALYST_SPACE      The space, unless --space is given.
  CODECATALYST_PROJECT    The project, unless --project is given.
  CODECATALYST_DEBUG      Set to 1 for what --debug does.
  GITHUB_ACTIONS          When true, start --wait and watch append a job summary to
                          GITHUB_STEP_SUMMARY, write run-id and status to GITHUB_OUTPUT, and
                          annotate a run that did not succeed (::error::).

Exit codes:
  0    success; watch and start --wait: every run ended in SUCCEEDED
  1    watch and start --wait: a run ended in any other terminal status
  2    usage error or invalid input (unknown flag, missing option, bad id, no token, no such
       workflow, a workflow name on several branches without --branch, watch --latest on a
       workflow with no runs); nothing is started
  3    the API answered with an error (its message, error name and request id are shown);
       watch: a run that cannot be read (not found), which ends the watch
  4    network failure or timeout after retries, including a --timeout while watching
  70   an unexpected error: a bug in the CLI (--debug shows its details)
  130  interrupted (Ctrl-C); 143 when stopped by SIGTERM
  watch of several runs exits with the highest code of their outcomes.
`

/** Where the workflows and runs are. */
export interface Where {
  readonly spaceName: string
  readonly projectName: string
}

/** A workflow as the user names it: by name (and branch) or by id. */
export interface WorkflowRef {
  readonly nameOrId: string
  readonly branch: string | undefined
}

export interface WaitSettings {
  readonly intervalMs: number
  readonly timeoutMs: number
}

interface Common {
  readonly where: Where
  readonly json: boolean
  /** --endpoint; without it the client reads CODECATALYST_ENDPOINT itself. */
  readonly endpoint: string | undefined
  readonly headers: Record<string, string>
  readonly debug: boolean
}

export type Command =
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | (Common & { readonly command: 'workflows' })
  | (Common & { readonly command: 'list'; readonly workflow: WorkflowRef; readonly limit: number })
  | (Common & {
      readonly command: 'start'
      readonly workflow: WorkflowRef
      readonly clientToken: string | undefined
      readonly wait: WaitSettings | undefined
    })
  | (Common & { readonly command: 'get'; readonly id: string })
  | (Common & {
      readonly command: 'watch'
      readonly target:
        | { readonly ids: readonly string[] }
        | { readonly latest: WorkflowRef }
        | { readonly active: WorkflowRef }
      readonly wait: WaitSettings
    })

// parseArgs reads `type`, `short` and `multiple` of each definition, and ignores the rest.
const options = optionDefinitions

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): Command {
  const config = {
    args: argv,
    options,
    allowPositionals: true,
    strict: true,
    tokens: true,
  } as const
  let parsed: ReturnType<typeof parseArgs<typeof config>>
  try {
    parsed = parseArgs(config)
  } catch (error) {
    throw new UsageError(safeParseMessage(error))
  }
  const { values, positionals, tokens } = parsed
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  const [name, ...extra] = positionals
  const known = `use ${commandNames.slice(0, -1).join(', ')} or ${commandNames.at(-1)}`
  const takes = (flag: Flag) =>
    (optionDefinitions[flag].commands as readonly CommandName[]).includes(command)
  if (name === undefined) throw new UsageError(`No command given: ${known}.`)
  if (!commandNames.includes(name as CommandName)) {
    throw new UsageError(`Unknown command ${JSON.stringify(name)}: ${known}.`)
  }
  const command = name as CommandName
  if (extra.length > 0 && command !== 'watch') {
    throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}.`)
  }
  for (const flag of Object.keys(values) as Flag[]) {
    if (!takes(flag)) {
      throw new UsageError(`--${flag} does not apply to ${command}.`)
    }
  }

  const required = (flag: 'space' | 'project' | 'workflow', fallback?: string) => {
    const value = values[flag] ?? fallback
    if (!value) throw new UsageError(`Missing option --${flag}.`)
    return value
  }
  const common: Common = {
    where: {
      spaceName: required('space', env.CODECATALYST_SPACE),
      projectName: required('project', env.CODECATALYST_PROJECT),
    },
    json: values.json ?? false,
    endpoint: values.endpoint,
    headers: headers(values.header ?? []),
    debug: values.debug === true || env.CODECATALYST_DEBUG === '1',
  }
  const workflow = (): WorkflowRef => ({ nameOrId: required('workflow'), branch: values.branch })
  const wait = (): WaitSettings => ({
    intervalMs: duration('--interval', values.interval ?? '5s'),
    timeoutMs: duration('--timeout', values.timeout ?? '30m'),
  })

  let result: Command
  switch (command) {
    case 'workflows':
      result = { ...common, command }
      break
    case 'list':
      result = {
        ...common,
        command,
        workflow: workflow(),
        limit: count('--limit', values.limit ?? '20'),
      }
      break
    case 'start':
      if (!values.wait && (values.interval !== undefined || values.timeout !== undefined)) {
        throw new UsageError('--interval and --timeout only apply to start with --wait.')
      }
      result = {
        ...common,
        command,
        workflow: workflow(),
        clientToken: values['client-token'],
        wait: values.wait ? wait() : undefined,
      }
      break
    case 'get': {
      const [id, more] = values.id ?? []
      if (id === undefined) throw new UsageError('Missing option --id.')
      if (more !== undefined) throw new UsageError('get takes one --id.')
      result = { ...common, command, id }
      break
    }
    case 'watch': {
      // In the order given, --id values and arguments alike (the command's name aside).
      const commandAt = tokens.find((token) => token.kind === 'positional')?.index
      const given = tokens.flatMap((token) => {
        if (token.kind === 'option' && token.name === 'id' && token.value !== undefined)
          return [token.value]
        if (token.kind === 'positional' && token.index !== commandAt) return [token.value]
        return []
      })
      const ids = [...new Set(given)]
      if (values.latest && values.active) {
        throw new UsageError('Use either --latest or --active, not both.')
      }
      const mode = values.latest ? '--latest' : values.active ? '--active' : undefined
      if (mode && ids.length > 0) throw new UsageError(`Use either --id or ${mode}, not both.`)
      if (!mode && (values.workflow !== undefined || values.branch !== undefined)) {
        throw new UsageError(
          '--workflow and --branch only apply to watch with --latest or --active.',
        )
      }
      if (!mode && ids.length === 0) throw new UsageError('Missing option --id.')
      const target = values.latest
        ? { latest: workflow() }
        : values.active
          ? { active: workflow() }
          : { ids }
      result = { ...common, command, target, wait: wait() }
      break
    }
  }
  if (!env.CODECATALYST_TOKEN) {
    throw new UsageError(
      'No token: set CODECATALYST_TOKEN to a CodeCatalyst personal access token.',
    )
  }
  return result
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

/** `--header 'Name: value'`, as curl takes it. The client checks names and values. */
function headers(flags: string[]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const flag of flags) {
    const colon = flag.indexOf(':')
    if (colon <= 0) {
      throw new UsageError(`--header takes 'Name: value', not ${JSON.stringify(flag)}.`)
    }
    result[flag.slice(0, colon).trim()] = flag.slice(colon + 1).trim()
  }
  return result
}

function count(flag: string, text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!(value >= 1 && Number.isSafeInteger(value))) {
    throw new UsageError(`${flag} takes a whole number of at least 1, not ${JSON.stringify(text)}.`)
  }
  return value
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
