// The run waiter, hand-written behaviour over the generated getWorkflowRun: poll until the run's
// status is terminal, riding out the failures a retry would.
import type { CodeCatalystCore } from './core.js'
import { type CodeCatalystError, CodeCatalystWaitTimeoutError } from './errors.js'
import {
  type GetWorkflowRunInput,
  getWorkflowRun,
  type WorkflowRun,
} from './generated/methods.gen.js'
import { GetWorkflowRun } from './generated/operations.gen.js'
import type { RetryEvent } from './hooks.js'
import { sleep, withDeadline } from './internal/abort.js'
import { defaultBackoff } from './internal/retry.js'
import { createRetryPolicy } from './internal/retry-policy.js'
import { checkDuration } from './internal/validate-options.js'
import { isTerminalStatus } from './status.js'

export interface WaitOptions {
  /**
   * Mean time between polls, in milliseconds. Default 5 000. Each wait is drawn within ±20 % of
   * it, so that waiters started together do not poll together.
   */
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
const jitter = 0.2
// A poll that failed after its own retries is tried again, with no limit on attempts: a wait has
// its own deadline, so it honours any retry-after. Its polls' attempts were budgeted already.
const waitPolicy = createRetryPolicy({
  maxAttempts: Number.POSITIVE_INFINITY,
  backoff: { ...defaultBackoff, maxRetryAfterMs: Number.POSITIVE_INFINITY },
})

type Poll = (input: GetWorkflowRunInput, options: { signal?: AbortSignal }) => Promise<WorkflowRun>

/** The wait before the next poll: the interval within ±20 %. */
export function pollDelay(pollIntervalMs: number, random = Math.random()): number {
  return pollIntervalMs * (1 - jitter + 2 * jitter * random)
}

/**
 * Polls until the run's status is terminal and resolves with that run, whatever the status:
 * the caller decides what FAILED means. A poll that fails with a retryable error (throttling, a
 * 5xx, a lost connection, a timed-out attempt) after its own retries is followed by the next,
 * backing off, until the wait's deadline: only an error that is not retryable ends it early.
 * Each such failure is reported through `onPollFailed` (the client's logger and onRetry hook).
 */
export async function waitForRun(
  getWorkflowRun: Poll,
  input: GetWorkflowRunInput,
  options: WaitOptions = {},
  onPollFailed?: (event: RetryEvent) => void,
): Promise<WorkflowRun> {
  const pollIntervalMs = checkDuration(
    'pollIntervalMs',
    options.pollIntervalMs ?? defaultPollIntervalMs,
  )
  const timeoutMs = checkDuration('timeoutMs', options.timeoutMs ?? defaultWaitTimeoutMs, true)
  const deadline = withDeadline(options.signal, timeoutMs)
  const { signal } = deadline
  const wait = waitPolicy.start()
  let lastRun: WorkflowRun | undefined
  let lastFailure: CodeCatalystError | undefined
  let failures = 0
  try {
    for (;;) {
      let run: WorkflowRun
      try {
        run = await getWorkflowRun(input, signal ? { signal } : {})
      } catch (error) {
        // Retried while retryable (throttling, a 5xx, a lost connection, a timed-out attempt) and
        // the wait goes on; GetWorkflowRun is safe to send again.
        const decision = waitPolicy.failed(wait, error, failures + 1, true, signal)
        if (decision.stop) throw error
        failures++
        const failure = error as CodeCatalystError
        lastFailure = failure
        // The next poll at the usual interval, or later if the policy backs off further.
        const delayMs = Math.max(pollDelay(pollIntervalMs), decision.delayMs)
        onPollFailed?.({
          operation: GetWorkflowRun.name,
          attempt: failure.attempts,
          error: failure,
          delayMs,
        })
        await sleep(delayMs, signal)
        continue
      }
      failures = 0
      lastFailure = undefined
      const changed = run.status !== lastRun?.status
      lastRun = run
      if (changed) options.onUpdate?.(run)
      if (isTerminalStatus(run.status)) return run
      await sleep(pollDelay(pollIntervalMs), signal)
    }
  } catch (error) {
    // Aborted while the caller's signal is not: the wait's own deadline passed. Its cause is the
    // failure that kept the last polls from answering, when one did.
    if (signal?.aborted && !options.signal?.aborted) {
      throw new CodeCatalystWaitTimeoutError(timeoutMs, lastRun, { cause: lastFailure })
    }
    throw error
  } finally {
    deadline.release()
  }
}

/** Polls the run until its status is terminal and resolves with the final run. */
export function waitForWorkflowRun(
  core: CodeCatalystCore,
  input: GetWorkflowRunInput,
  options?: WaitOptions,
): Promise<WorkflowRun> {
  return waitForRun(
    (run, callOptions) => getWorkflowRun(core, run, callOptions),
    input,
    options,
    (event) => core.reportRetry(event),
  )
}
