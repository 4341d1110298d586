import { CodeCatalystWaitTimeoutError } from './errors.js'
import type { GetWorkflowRunInput, GetWorkflowRunResponse } from './generated/operations.gen.js'
import { sleep } from './retry.js'
import { isTerminalStatus } from './status.js'
import { checkDuration } from './validate-options.js'

type WorkflowRun = GetWorkflowRunResponse

export interface WaitOptions {
  /** Time between polls, in milliseconds. Default 5 000. */
  pollIntervalMs?: number
  /** Give up after this many milliseconds. Default 30 minutes; `Infinity` waits for ever. */
  timeoutMs?: number
  /** Aborts the wait at once, including a request in flight. */
  signal?: AbortSignal
  /** Called with the run each time its status changes, the first answer included. */
  onUpdate?: (run: WorkflowRun) => void
}

const defaultPollIntervalMs = 5_000
const defaultWaitTimeoutMs = 30 * 60_000

type GetWorkflowRun = (
  input: GetWorkflowRunInput,
  options: { signal: AbortSignal },
) => Promise<WorkflowRun>

/**
 * Polls until the run's status is terminal and resolves with that run, whatever the status:
 * the caller decides what FAILED means. Retryable errors are ridden out by each poll's retries.
 */
export async function waitForRun(
  getWorkflowRun: GetWorkflowRun,
  input: GetWorkflowRunInput,
  options: WaitOptions = {},
): Promise<WorkflowRun> {
  const pollIntervalMs = checkDuration(
    'pollIntervalMs',
    options.pollIntervalMs ?? defaultPollIntervalMs,
  )
  const timeoutMs = checkDuration('timeoutMs', options.timeoutMs ?? defaultWaitTimeoutMs, true)
  const deadline = new AbortController()
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => deadline.abort(), timeoutMs)
    : undefined
  const signal = options.signal
    ? AbortSignal.any([options.signal, deadline.signal])
    : deadline.signal
  let lastRun: WorkflowRun | undefined
  try {
    for (;;) {
      const run = await getWorkflowRun(input, { signal })
      const changed = run.status !== lastRun?.status
      lastRun = run
      if (changed) options.onUpdate?.(run)
      if (isTerminalStatus(run.status)) return run
      await sleep(pollIntervalMs, signal)
    }
  } catch (error) {
    if (deadline.signal.aborted && !options.signal?.aborted) {
      throw new CodeCatalystWaitTimeoutError(timeoutMs, lastRun)
    }
    throw error
  } finally {
    clearTimeout(timer)
  }
}
