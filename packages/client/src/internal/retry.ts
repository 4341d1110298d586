import {
  CodeCatalystConnectionError,
  CodeCatalystServiceError,
  CodeCatalystTimeoutError,
} from '../errors.js'
import { modelledErrors } from '../generated/errors.gen.js'

/** Why a failure may be retried: throttling backs off from a larger base. */
export type RetryKind = 'throttling' | 'transient'

// From the AWS SDKs' lists (@smithy/service-error-classification), the throttling codes of any
// AWS service (not those of one service, such as S3's SlowDown): protocol knowledge, not the spec's.
const throttlingErrorTypes = new Set([
  'LimitExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
])
const transientErrorTypes = new Set(['RequestTimeout', 'RequestTimeoutException', 'TimeoutError'])
const transientStatuses = new Set([500, 502, 503, 504])

/**
 * The one retry classifier, for an error response: throttling (429, or an error type AWS counts as
 * throttling), transient (500/502/503/504, a transient error type, or an error the spec marks
 * `x-smithy-retryable`), or not retryable (undefined).
 */
export function classifyResponse(
  status: number,
  errorType: string | undefined,
): RetryKind | undefined {
  if (status === 429 || (errorType !== undefined && throttlingErrorTypes.has(errorType))) {
    return 'throttling'
  }
  if (transientStatuses.has(status)) return 'transient'
  if (errorType === undefined) return undefined
  const modelled = (modelledErrors as Record<string, { retryable: boolean } | undefined>)[errorType]
  return transientErrorTypes.has(errorType) || modelled?.retryable ? 'transient' : undefined
}

/** The classifier for any failure: a lost connection and a timed-out attempt are transient. */
export function classifyFailure(error: unknown): RetryKind | undefined {
  if (error instanceof CodeCatalystServiceError)
    return classifyResponse(error.status, error.errorType)
  if (error instanceof CodeCatalystConnectionError || error instanceof CodeCatalystTimeoutError) {
    return 'transient'
  }
  return undefined
}

export interface BackoffPolicy {
  /** The first retry waits up to this long; each further retry doubles it. */
  readonly baseDelayMs: number
  /** Throttling backs off from this larger base, as the AWS SDKs do. */
  readonly throttlingBaseDelayMs: number
  /** No backoff delay exceeds this. */
  readonly maxDelayMs: number
  /** A `retry-after` longer than this is not waited for: the error is thrown instead. */
  readonly maxRetryAfterMs: number
}

export const defaultBackoff: BackoffPolicy = {
  baseDelayMs: 100,
  throttlingBaseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
}

/**
 * The wait before retry number `retry` (1-based): full jitter over an exponentially growing,
 * capped window, and never less than the server's `retry-after`. Undefined when the server asks
 * for a longer wait than the policy allows.
 */
export function backoffDelay(
  retry: number,
  throttled: boolean,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy,
): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return undefined
  const base = throttled ? policy.throttlingBaseDelayMs : policy.baseDelayMs
  const window = Math.min(policy.maxDelayMs, base * 2 ** (retry - 1))
  return Math.max(Math.random() * window, retryAfterMs ?? 0)
}

/**
 * How long the server asks the client to wait, in milliseconds: `retry-after-ms`, AWS's
 * `x-amz-retry-after` (milliseconds), or `retry-after` in seconds or as an HTTP date.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-amz-retry-after']) {
    const ms = headers.get(name)?.trim()
    if (ms && /^\d+(?:\.\d+)?$/.test(ms)) return Number(ms)
  }
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1000
  // An HTTP date always names its month; without this, Date.parse reads `-3` as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
