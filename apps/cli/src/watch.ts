import type {
  CodeCatalystClient,
  GetWorkflowRunInput,
  WatchWorkflowRunsInput,
  WorkflowRun,
} from '@codecatalyst-runs/client'
import yoctoSpinner from 'yocto-spinner'
import type { WaitSettings } from './args.js'
import { formatDuration } from './duration.js'
import { jsonLine, renderRun, runRow, runRowHeader, styledStatus } from './render.js'

/** Polls until the run is terminal, showing progress to suit the output; resolves with the run. */
export async function watchRun(
  client: CodeCatalystClient,
  input: GetWorkflowRunInput,
  command: { readonly json: boolean; readonly wait: WaitSettings },
  signal: AbortSignal,
  /** Each run as last seen, by id: what a job summary reports, also when the watch fails. */
  seen: Map<string, WorkflowRun> = new Map(),
): Promise<WorkflowRun> {
  const started = Date.now()
  const elapsed = () => formatDuration(Date.now() - started)
  const live = !command.json && isInteractiveTerminal(process.stdout)
  // Signals are ours to handle (main.ts aborts the wait), so the spinner must not exit for us.
  const spinner = live
    ? yoctoSpinner({ text: 'waiting for the first answer…', handleSignals: false })
    : undefined
  let status = ''
  const ticker =
    spinner &&
    setInterval(() => {
      spinner.text = `${styledStatus(status)}  ${elapsed()} elapsed`
    }, 1000)
  spinner?.start()
  try {
    const run = await client.waitForWorkflowRun(input, {
      pollIntervalMs: command.wait.intervalMs,
      timeoutMs: command.wait.timeoutMs,
      signal,
      onUpdate: (update) => {
        seen.set(update.id, update)
        status = update.status
        if (command.json) console.log(jsonLine(update))
        else if (spinner) spinner.text = `${styledStatus(status)}  ${elapsed()} elapsed`
        else console.log(`[+${elapsed()}] ${update.status}`)
      },
    })
    spinner?.stop()
    seen.set(run.id, run)
    if (!command.json) console.log(`${live ? '' : '\n'}${renderRun(run)}`)
    return run
  } finally {
    clearInterval(ticker)
    spinner?.stop()
  }
}

/**
 * Follows several runs (a list of ids, or the active runs of a workflow) with the client's
 * `watchWorkflowRuns`, whose polls the runs share: one line per status change (`[+2s] <id>
 * <status>`, or with `--json` the run as JSON), then a table of the final runs. Resolves with the
 * runs, in the order given (for a workflow's active runs, the order first seen).
 */
export async function watchRuns(
  client: CodeCatalystClient,
  input: WatchWorkflowRunsInput,
  command: { readonly json: boolean; readonly wait: WaitSettings },
  signal: AbortSignal,
  seen: Map<string, WorkflowRun> = new Map(),
): Promise<WorkflowRun[]> {
  const started = Date.now()
  for await (const run of client.watchWorkflowRuns(input, {
    pollIntervalMs: command.wait.intervalMs,
    timeoutMs: command.wait.timeoutMs,
    signal,
  })) {
    seen.set(run.id, run)
    if (command.json) console.log(jsonLine(run))
    else console.log(`[+${formatDuration(Date.now() - started)}] ${run.id} ${run.status}`)
  }
  const order = input.ids ?? [...seen.keys()]
  const runs = order.flatMap((id) => seen.get(id) ?? [])
  if (!command.json && runs.length > 0) {
    console.log(`\n${runRowHeader}\n${runs.map((run) => runRow(run)).join('\n')}`)
  }
  return runs
}

/**
 * A person's terminal: a TTY that is not `dumb`, outside CI, where a log keeps every frame.
 * The same rule the spinner applies, so that the live line is all or nothing.
 */
function isInteractiveTerminal(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.TERM !== 'dumb' && !('CI' in process.env)
}
