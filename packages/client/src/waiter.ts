import { type CodeCatalystError, CodeCatalystWaitTimeoutError } from './errors.js'
import {
  GetWorkflowRun,
  type GetWorkflowRunInput,
  type GetWorkflowRunResponse,
} from './generated/operations.gen.js'
import type { RetryEvent } from './hooks.js'
import { sleep, withDeadline } from './internal/abort.js'
import { backoffDelay, classifyFailure, defaultBackoff, retryAfterMs } from './retry.js'
import { isTerminalStatus } from './status.js'
import { checkDuration } from './validate-options.js'

type WorkflowRun = GetWorkflowRunResponse

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
const waitBackoff = { ...defaultBackoff, maxRetryAfterMs: Number.POSITIVE_INFINITY }

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
  let lastRun: WorkflowRun | undefined
  let lastFailure: CodeCatalystError | undefined
  let failures = 0
  try {
    for (;;) {
      let run: WorkflowRun
      try {
        run = await getWorkflowRun(input, signal ? { signal } : {})
      } catch (error) {
        const kind = signal?.aborted ? undefined : classifyFailure(error)
        if (kind === undefined) throw error
        failures++
        const failure = error as CodeCatalystError
        lastFailure = failure
        const headers = (failure as { headers?: unknown }).headers
        const asked = headers instanceof Headers ? retryAfterMs(headers) : undefined
        // Unlike a single call, a wait has its own deadline: it honours any retry-after.
        const backoff = backoffDelay(failures, kind === 'throttling', asked, waitBackoff) ?? 0
        const delayMs = Math.max(pollDelay(pollIntervalMs), backoff)
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
