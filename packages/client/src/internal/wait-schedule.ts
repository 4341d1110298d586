// When a waiter polls next, and how it outlives failed polls: shared by the one-run waiter
// (waiter.ts) and the coalesced poller (run-poller.ts), so that both keep the same schedule.
import { defaultBackoff } from './retry.js'
import { createRetryPolicy } from './retry-policy.js'

export const defaultPollIntervalMs = 5_000
export const defaultWaitTimeoutMs = 30 * 60_000
const jitter = 0.2

// A poll that failed after its own retries is tried again, with no limit on attempts: a wait has
// its own deadline, so it honours any retry-after. Its polls' attempts were budgeted already.
export const waitPolicy = createRetryPolicy({
  maxAttempts: Number.POSITIVE_INFINITY,
  backoff: { ...defaultBackoff, maxRetryAfterMs: Number.POSITIVE_INFINITY },
})

/** The wait before the next poll: the interval within ±20 %. */
export function pollDelay(pollIntervalMs: number, random = Math.random()): number {
  return pollIntervalMs * (1 - jitter + 2 * jitter * random)
}
