// The run waiter, hand-written behaviour over the generated getWorkflowRun: poll until the run's
// status is terminal, riding out the failures a retry would. Waits of one client on runs of one
// project share their polls (internal/run-poller.ts) unless a wait asks not to.
import type { CodeCatalystCore } from './core.js'
import { type CodeCatalystError, CodeCatalystWaitTimeoutError } from './errors.js'
import {
  type GetWorkflowRunInput,
  getWorkflowRun,
  type WorkflowRun,
} from './generated/methods.gen.js'
import { GetWorkflowRun } from './generated/operations.gen.js'
import type { RetryEvent } from './hooks.js'
import { abortable, sleep, withDeadline } from './internal/abort.js'
import { joinPoller, type Membership } from './internal/run-poller.js'
import { checkDuration } from './internal/validate-options.js'
import {
  defaultPollIntervalMs,
  defaultWaitTimeoutMs,
  pollDelay,
  waitPolicy,
} from './internal/wait-schedule.js'
import { isTerminalStatus } from './status.js'

export { pollDelay }

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
  /**
   * Share polls with this client's other waits on runs of the same space and project (default
   * `true`): while two or more runs are waited on, one ListWorkflowRuns page answers for up to 50
   * of them; a run the list does not carry is polled with GetWorkflowRun, as alone. One wait on
   * its own costs the same either way. `false`: this wait polls GetWorkflowRun on its own.
   */
  coalesce?: boolean
}

type Poll = (input: GetWorkflowRunInput, options: { signal?: AbortSignal }) => Promise<WorkflowRun>

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
  const { pollIntervalMs, timeoutMs } = waitDurations(options)
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

function waitDurations(options: WaitOptions): { pollIntervalMs: number; timeoutMs: number } {
  return {
    pollIntervalMs: checkDuration(
      'pollIntervalMs',
      options.pollIntervalMs ?? defaultPollIntervalMs,
    ),
    timeoutMs: checkDuration('timeoutMs', options.timeoutMs ?? defaultWaitTimeoutMs, true),
  }
}

/**
 * Waits for the run in the core's poller for its project (or for one workflow of it, when
 * `workflowId` is known): the same outcomes as `waitForRun`, the polls shared.
 */
export async function waitInPoller(
  core: CodeCatalystCore,
  input: GetWorkflowRunInput,
  options: WaitOptions = {},
  workflowId?: string,
): Promise<WorkflowRun> {
  const { pollIntervalMs, timeoutMs } = waitDurations(options)
  // What the first poll would refuse is refused before joining.
  GetWorkflowRun.checkInput(input)
  const deadline = withDeadline(options.signal, timeoutMs)
  const { signal } = deadline
  let lastRun: WorkflowRun | undefined
  let lastFailure: CodeCatalystError | undefined
  let outcome: { run: WorkflowRun } | { error: unknown } | undefined
  let membership: Membership | undefined
  try {
    await abortable(signal, 0, (done) => {
      const settle = (settled: { run: WorkflowRun } | { error: unknown }) => {
        if (outcome !== undefined) return
        outcome = settled
        membership?.leave()
        done()
      }
      membership = joinPoller(
        core,
        { spaceName: input.spaceName, projectName: input.projectName, workflowId },
        {
          id: input.id,
          pollIntervalMs,
          onRun(run) {
            if (outcome !== undefined) return
            lastFailure = undefined
            const changed = run.status !== lastRun?.status
            lastRun = run
            try {
              if (changed) options.onUpdate?.(run)
            } catch (error) {
              settle({ error })
              return
            }
            if (isTerminalStatus(run.status)) settle({ run })
          },
          onRetry(error) {
            lastFailure = error
          },
          onError(error) {
            settle({ error })
          },
        },
      )
      return () => membership?.leave()
    })
  } catch (error) {
    // Aborted while the caller's signal is not: the wait's own deadline passed. Its cause is the
    // failure that kept the last polls from answering, when one did.
    if (signal?.aborted && !options.signal?.aborted) {
      throw new CodeCatalystWaitTimeoutError(timeoutMs, lastRun, { cause: lastFailure })
    }
    throw error
  } finally {
    membership?.leave()
    deadline.release()
  }
  const settled = outcome as { run: WorkflowRun } | { error: unknown }
  if ('error' in settled) throw settled.error
  return settled.run
}

/**
 * Polls the run until its status is terminal and resolves with the final run. Concurrent waits
 * of one core on runs of one project share their polls, unless `coalesce` is false.
 */
export function waitForWorkflowRun(
  core: CodeCatalystCore,
  input: GetWorkflowRunInput,
  options?: WaitOptions,
): Promise<WorkflowRun> {
  if (options?.coalesce !== false) return waitInPoller(core, input, options)
  return waitForRun(
    (run, callOptions) => getWorkflowRun(core, run, callOptions),
    input,
    options,
    (event) => core.reportRetry(event),
  )
}
