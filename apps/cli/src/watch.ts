import type {
  CodeCatalystClient,
  GetWorkflowRunInput,
  WorkflowRun,
} from '@codecatalyst-runs/client'
import yoctoSpinner from 'yocto-spinner'
import type { WaitSettings } from './args.js'
import { formatDuration } from './duration.js'
import { jsonLine, renderRun, styledStatus } from './render.js'

/** Polls until the run is terminal, showing progress to suit the output; resolves with the run. */
export async function watchRun(
  client: CodeCatalystClient,
  input: GetWorkflowRunInput,
  command: { readonly json: boolean; readonly wait: WaitSettings },
  signal: AbortSignal,
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
        status = update.status
        if (command.json) console.log(jsonLine(update))
        else if (spinner) spinner.text = `${styledStatus(status)}  ${elapsed()} elapsed`
        else console.log(`[+${elapsed()}] ${update.status}`)
      },
    })
    spinner?.stop()
    if (!command.json) console.log(`${live ? '' : '\n'}${renderRun(run)}`)
    return run
  } finally {
    clearInterval(ticker)
    spinner?.stop()
  }
}

/**
 * A person's terminal: a TTY that is not `dumb`, outside CI, where a log keeps every frame.
 * The same rule the spinner applies, so that the live line is all or nothing.
 */
function isInteractiveTerminal(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.TERM !== 'dumb' && !('CI' in process.env)
}
