import { CodeCatalystAbortError } from './errors.js'

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

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date, in milliseconds. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && /^\d+(?:\.\d+)?$/.test(ms.trim())) return Number(ms)
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1000
  // An HTTP date always names its month; without this, Date.parse reads `-3` as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Waits `ms`, or rejects with CodeCatalystAbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CodeCatalystAbortError({ cause: signal.reason }))
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(new CodeCatalystAbortError({ cause: signal?.reason }))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
