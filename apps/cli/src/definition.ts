// The CLI's public surface as data: its commands, flags, exit codes, JSON output, environment and
// GitHub Actions outputs. `args.ts` parses with it, and `usage-report.ts` writes it out as the
// reviewed usage report (`review/cli.usage.md`) that the semver guard compares between releases.
// No imports: `node src/usage-report.ts` runs this file as it is (type stripping).

export const commandNames = ['workflows', 'list', 'start', 'get', 'watch'] as const
export type CommandName = (typeof commandNames)[number]

export interface CommandDefinition {
  readonly name: CommandName
  readonly summary: string
  /** Positional arguments after the command, e.g. `[ID…]`; empty when it takes none. */
  readonly positionals: readonly string[]
}

export const commands: readonly CommandDefinition[] = [
  {
    name: 'workflows',
    summary: "List the project's workflows: name, branch, id, status.",
    positionals: [],
  },
  {
    name: 'list',
    summary: "List the runs of a workflow, in the service's order (at most --limit, default 20).",
    positionals: [],
  },
  {
    name: 'start',
    summary: 'Start a run of a workflow and print its id; with --wait, then watch it.',
    positionals: [],
  },
  {
    name: 'get',
    summary: 'Print a run: status, workflow, start, end, duration, last update, status reasons.',
    positionals: [],
  },
  {
    name: 'watch',
    summary:
      'Poll one run or several until each reaches a terminal status; exit with the worst outcome.',
    positionals: ['ID…'],
  },
]

const everywhere = [
  'workflows',
  'list',
  'start',
  'get',
  'watch',
] as const satisfies readonly CommandName[]

export interface OptionDefinition {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  readonly multiple?: boolean
  /** What the value is called in the help, e.g. `S` for `--space S`. */
  readonly value?: string
  /** The default when the flag is absent, as the user would write it (not parseArgs' `default`). */
  readonly fallback?: string
  readonly commands: readonly CommandName[]
  readonly description: string
}

/** Every flag, by its long name (without `--`). */
export const optionDefinitions = {
  space: {
    type: 'string',
    value: 'S',
    fallback: '$CODECATALYST_SPACE',
    commands: everywhere,
    description: 'The name of the space.',
  },
  project: {
    type: 'string',
    value: 'P',
    fallback: '$CODECATALYST_PROJECT',
    commands: everywhere,
    description: 'The name of the project in the space.',
  },
  id: {
    type: 'string',
    multiple: true,
    value: 'ID',
    commands: ['get', 'watch'],
    description: 'The ID of a workflow run (a UUID); watch takes it several times.',
  },
  workflow: {
    type: 'string',
    value: 'W',
    commands: ['list', 'start', 'watch'],
    description: 'A workflow, by its name (exact, case-sensitive) or its ID.',
  },
  branch: {
    type: 'string',
    value: 'B',
    commands: ['list', 'start', 'watch'],
    description: 'The branch of the workflow, when its name exists on several branches.',
  },
  latest: {
    type: 'boolean',
    commands: ['watch'],
    description: 'watch: the run of --workflow that started last (every page is read).',
  },
  active: {
    type: 'boolean',
    commands: ['watch'],
    description: 'watch: every run of --workflow that has not ended yet (every page is read).',
  },
  limit: {
    type: 'string',
    value: 'N',
    fallback: '20',
    commands: ['list'],
    description: 'list: print at most N runs.',
  },
  'client-token': {
    type: 'string',
    value: 'T',
    commands: ['start'],
    description: 'start: an idempotency token; the same token never starts a second run.',
  },
  wait: {
    type: 'boolean',
    commands: ['start'],
    description: 'start: then watch the run, exit codes included.',
  },
  json: {
    type: 'boolean',
    commands: everywhere,
    description: 'Print JSON, one object per line (timestamps in ISO 8601).',
  },
  interval: {
    type: 'string',
    value: 'D',
    fallback: '5s',
    commands: ['start', 'watch'],
    description: 'watch, start --wait: time between polls. Units: ms, s, m, h.',
  },
  timeout: {
    type: 'string',
    value: 'D',
    fallback: '30m',
    commands: ['start', 'watch'],
    description: 'watch, start --wait: give up after this long.',
  },
  endpoint: {
    type: 'string',
    value: 'URL',
    fallback: '$CODECATALYST_ENDPOINT, else the AWS endpoint',
    commands: everywhere,
    description: 'The API endpoint.',
  },
  header: {
    type: 'string',
    multiple: true,
    value: "'N: V'",
    commands: everywhere,
    description: 'Send this header with every request (repeatable), e.g. for a proxy.',
  },
  debug: {
    type: 'boolean',
    commands: everywhere,
    description: "Log every request to stderr, and on failure print the error's details.",
  },
  help: {
    type: 'boolean',
    short: 'h',
    commands: everywhere,
    description: 'Show the help.',
  },
  version: {
    type: 'boolean',
    short: 'v',
    commands: everywhere,
    description: 'Show the version.',
  },
} as const satisfies Record<string, OptionDefinition>
export type Flag = keyof typeof optionDefinitions

export interface ExitCodeDefinition {
  /** A stable name for the outcome: the usage report and the semver guard key on it. */
  readonly outcome: string
  readonly code: number
  readonly meaning: string
}

/** Each outcome with its exit code. When `watch` follows several runs, the highest code wins. */
export const exitCodeDefinitions = [
  {
    outcome: 'ok',
    code: 0,
    meaning: 'success; watch and start --wait: every run ended in SUCCEEDED',
  },
  {
    outcome: 'run-not-succeeded',
    code: 1,
    meaning: 'watch and start --wait: a run ended in another terminal status (FAILED, STOPPED, …)',
  },
  {
    outcome: 'usage',
    code: 2,
    meaning:
      'usage error or invalid input (unknown flag, missing option, bad id, no token, no such workflow, a workflow name on several branches without --branch, watch --latest on a workflow with no runs); nothing is started',
  },
  {
    outcome: 'api-error',
    code: 3,
    meaning:
      'the API answered with an error (its message, error name and request id are shown); watch: a run that cannot be read, e.g. not found',
  },
  {
    outcome: 'network-or-timeout',
    code: 4,
    meaning: 'network failure or timeout after retries, including a --timeout while watching',
  },
  {
    outcome: 'unexpected',
    code: 70,
    meaning: 'an unexpected error: a bug in the CLI (--debug shows its details)',
  },
  { outcome: 'interrupted', code: 130, meaning: 'interrupted (Ctrl-C)' },
  { outcome: 'terminated', code: 143, meaning: 'stopped by SIGTERM' },
] as const satisfies readonly ExitCodeDefinition[]

/** What each line of `--json` output is: the client's type of that name, dates as ISO 8601. */
export const jsonOutputs: Readonly<Record<CommandName, string>> = {
  workflows: 'one WorkflowSummary per workflow',
  list: 'one WorkflowRunSummary per run',
  start: 'the StartWorkflowRunOutput; with --wait, then one WorkflowRun per status change',
  get: 'the WorkflowRun',
  watch: 'one WorkflowRun per status change of any run watched; the last one of a run is final',
}

/** The environment variables the CLI reads. */
export const environment = {
  CODECATALYST_TOKEN: 'A CodeCatalyst personal access token (required; never taken from a flag).',
  CODECATALYST_ENDPOINT: 'The API endpoint, unless --endpoint is given.',
  CODECATALYST_SPACE: 'The space, unless --space is given.',
  CODECATALYST_PROJECT: 'The project, unless --project is given.',
  CODECATALYST_DEBUG: 'Set to 1 for what --debug does.',
  CI: 'When set, watch prints one line per status change even on a terminal.',
  GITHUB_ACTIONS:
    'When true, start --wait and watch write a job summary and step outputs, and annotate failed runs.',
  GITHUB_STEP_SUMMARY:
    'GitHub Actions: the file the job summary (a Markdown table) is appended to.',
  GITHUB_OUTPUT: 'GitHub Actions: the file the step outputs are appended to.',
} as const

/** The step outputs written to `$GITHUB_OUTPUT` under GitHub Actions (start --wait, watch). */
export const githubOutputs = {
  'run-id': 'The run id; with several runs, one id per line.',
  status: "The run's final status; with several runs, one per line in the order of run-id.",
} as const
