// The one place that decides whether a failure is retried and how long to wait first, for the
// transport's attempts and the waiter's polls alike (as one RetryStrategy object does in the AWS
// SDK for JavaScript v3). Its parts live beside it: the classifier, backoff and `retry-after` in
// retry.ts, the shared retry budget in retry-quota.ts, adaptive mode's limiter in rate-limiter.ts.
import {
  CodeCatalystConnectionError,
  CodeCatalystServiceError,
  CodeCatalystTimeoutError,
} from '../errors.js'
import type { AdaptiveRateLimiter } from './rate-limiter.js'
import { type BackoffPolicy, backoffDelay, classifyFailure, retryAfterMs } from './retry.js'
import type { RetryQuota } from './retry-quota.js'

export interface RetryPolicyOptions {
  /** Attempts allowed, the first included: `Infinity` for a wait, which has a deadline instead. */
  readonly maxAttempts: number
  readonly backoff: BackoffPolicy
  /** The retry budget the client's calls share; without one, retries are not budgeted. */
  readonly quota?: RetryQuota | undefined
  /** Adaptive mode's rate limiter: each attempt waits its turn, each answer teaches it. */
  readonly limiter?: AdaptiveRateLimiter | undefined
}

/** Why a failure is not retried. */
export type StopReason =
  /** The wait's signal has aborted. */
  | 'aborted'
  /** The classifier says no: a 4xx, an invalid body, an abort. */
  | 'not-retryable'
  /** That was the last attempt allowed. */
  | 'out-of-attempts'
  /** The answer was lost, and the operation is not safe to send again. */
  | 'unsafe'
  /** The server asks for a longer wait than the backoff policy allows. */
  | 'retry-after'
  /** The client's shared retry budget cannot pay for the retry. */
  | 'budget'

/** Wait `delayMs`, then retry; or stop, for a reason. */
export type RetryDecision =
  | { readonly stop?: undefined; readonly delayMs: number }
  | {
      readonly stop: StopReason
      /** A sentence for the error's message, when the reason is one the caller cannot see. */
      readonly note?: string
    }

const budgetSpent =
  "(Not retried: this client's retry budget is spent, by failures across its calls; it refills as calls succeed.)"

/** What the policy keeps of one call (or one wait) between its attempts. */
export interface RetryState {
  /** What the call's retries took from the budget, given back if it succeeds. */
  spent: number
  /** When the attempt under way was sent, on the limiter's clock. */
  sentAt: number
}

/**
 * The retry policy of one client (or of the waiter): asked before each attempt (`turn`,
 * `sending`) and after it (`succeeded`, or `failed`, which answers "wait this long, then retry" or
 * "stop, for this reason"), with the state of the call that `start` made.
 */
export interface RetryPolicy {
  /** A call (or a wait) begins. */
  start(): RetryState
  /**
   * In adaptive mode, resolves when attempt number `attempt` may be sent (rejecting with
   * CodeCatalystAbortError if `signal` aborts first); otherwise undefined: there is no turn to
   * wait for, and nothing to await.
   */
  turn(signal: AbortSignal | undefined, attempt: number): Promise<void> | undefined
  /** The call's attempt is being sent now. */
  sending(call: RetryState): void
  /** The call's attempt got an answer that is not a failure: the limiter learns, the budget refills. */
  succeeded(call: RetryState): void
  /**
   * The call's attempt failed with `error`, as the call would throw it; `retry` is the number of
   * the retry that would follow (1 for the first). `retrySafe`: whether the operation may be sent
   * again after its answer was lost (a timed-out attempt, a lost connection). `signal`, given,
   * ends retrying once it aborts. A retry the budget pays for is paid here.
   */
  failed(
    call: RetryState,
    error: unknown,
    retry: number,
    retrySafe: boolean,
    signal?: AbortSignal | undefined,
  ): RetryDecision
}

export function createRetryPolicy({
  maxAttempts,
  backoff,
  quota,
  limiter,
}: RetryPolicyOptions): RetryPolicy {
  return {
    start: () => ({ spent: 0, sentAt: 0 }),
    turn: (signal, attempt) => limiter?.acquire(signal, attempt - 1),
    sending(call) {
      if (limiter) call.sentAt = limiter.time()
    },
    succeeded(call) {
      limiter?.update(false, call.sentAt)
      quota?.succeeded(call.spent)
    },
    failed(call, error, retry, retrySafe, signal) {
      const kind = classifyFailure(error)
      limiter?.update(kind === 'throttling', call.sentAt)
      if (signal?.aborted) return { stop: 'aborted' }
      if (kind === undefined) return { stop: 'not-retryable' }
      if (retry >= maxAttempts) return { stop: 'out-of-attempts' }
      // A timed-out attempt or a lost connection may have done its work already.
      const lostAnswer =
        error instanceof CodeCatalystTimeoutError || error instanceof CodeCatalystConnectionError
      if (lostAnswer && !retrySafe) return { stop: 'unsafe' }
      const asked =
        error instanceof CodeCatalystServiceError ? retryAfterMs(error.headers) : undefined
      const delayMs = backoffDelay(retry, kind === 'throttling', asked, backoff)
      if (delayMs === undefined) return { stop: 'retry-after' }
      if (quota) {
        const cost = quota.take(lostAnswer)
        if (cost === undefined) return { stop: 'budget', note: budgetSpent }
        call.spent += cost
      }
      return { delayMs }
    },
  }
}
