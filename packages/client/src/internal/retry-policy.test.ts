import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CodeCatalystAbortError,
  CodeCatalystConnectionError,
  CodeCatalystResponseError,
  CodeCatalystServiceError,
  CodeCatalystTimeoutError,
} from '../errors.js'
import { AdaptiveRateLimiter } from './rate-limiter.js'
import { defaultBackoff } from './retry.js'
import { createRetryPolicy, type RetryPolicyOptions } from './retry-policy.js'
import { RetryQuota } from './retry-quota.js'

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-24T10:00:00Z') })
  // The top of every jitter window: delays are then exact.
  vi.spyOn(Math, 'random').mockReturnValue(0.999999)
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

function serviceError(status: number, headers: Record<string, string> = {}, errorType?: string) {
  return new CodeCatalystServiceError('failed', {
    status,
    errorType,
    requestId: undefined,
    headers: new Headers(headers),
    body: undefined,
  })
}

/** The client's policy as the core makes it. */
function clientPolicy(options: Partial<RetryPolicyOptions> = {}) {
  const quota = new RetryQuota()
  const policy = createRetryPolicy({ maxAttempts: 3, backoff: defaultBackoff, quota, ...options })
  return { policy, quota, call: policy.start() }
}

describe('the retry policy: wait this long and retry, or stop and say why', () => {
  it.each([
    ['a 503', serviceError(503), 100],
    ['a 429', serviceError(429), 500],
    ['a throttling error type', serviceError(400, {}, 'ThrottlingException'), 500],
    ['a lost connection', new CodeCatalystConnectionError('reset'), 100],
    ['a timed-out attempt', new CodeCatalystTimeoutError(10)], // 100 ms window, as a 503
  ])('retries %s, with full jitter over the window of its kind', (_name, error, window = 100) => {
    const { policy, call } = clientPolicy()
    const decision = policy.failed(call, error, 1, true)
    expect(decision.stop).toBeUndefined()
    expect(decision).toMatchObject({ delayMs: expect.closeTo(window, 0) })
  })

  it('the window doubles with each retry, up to its cap', () => {
    const { policy, call } = clientPolicy({ maxAttempts: 40 })
    const delays = [1, 2, 3, 30].map(
      (retry) =>
        (policy.failed(call, serviceError(503), retry, true) as { delayMs: number }).delayMs,
    )
    expect(delays.map(Math.round)).toEqual([100, 200, 400, defaultBackoff.maxDelayMs])
  })

  it.each([
    ['a 404', serviceError(404, {}, 'ResourceNotFoundException')],
    ['a validation error', serviceError(400, {}, 'ValidationException')],
    ['an abort', new CodeCatalystAbortError()],
    ['an invalid 2xx body', new CodeCatalystResponseError('bad', undefined, 200, undefined)],
    ['something else', new Error('?')],
  ])('does not retry %s, and spends nothing', (_name, error) => {
    const { policy, quota, call } = clientPolicy()
    expect(policy.failed(call, error, 1, true)).toEqual({ stop: 'not-retryable' })
    expect(quota.available).toBe(RetryQuota.capacity)
  })

  it('stops once the attempts are spent: retry n follows attempt n, and maxAttempts counts them all', () => {
    const { policy, call } = clientPolicy()
    expect(policy.failed(call, serviceError(503), 2, true).stop).toBeUndefined()
    expect(policy.failed(call, serviceError(503), 3, true)).toEqual({ stop: 'out-of-attempts' })
    const once = createRetryPolicy({ maxAttempts: 1, backoff: defaultBackoff })
    expect(once.failed(once.start(), serviceError(503), 1, true)).toEqual({
      stop: 'out-of-attempts',
    })
  })

  it('a lost answer is retried only when the operation is safe to send again; an answer always', () => {
    const { policy, call } = clientPolicy()
    expect(policy.failed(call, new CodeCatalystConnectionError('reset'), 1, false)).toEqual({
      stop: 'unsafe',
    })
    expect(policy.failed(call, new CodeCatalystTimeoutError(10), 1, false)).toEqual({
      stop: 'unsafe',
    })
    expect(policy.failed(call, serviceError(503), 1, false).stop).toBeUndefined()
  })

  it('waits at least what retry-after, retry-after-ms or x-amz-retry-after asks', () => {
    vi.mocked(Math.random).mockReturnValue(0)
    const { policy, call } = clientPolicy()
    const delay = (headers: Record<string, string>) =>
      policy.failed(call, serviceError(503, headers), 1, true)
    expect(delay({ 'retry-after': '2' })).toEqual({ delayMs: 2000 })
    expect(delay({ 'retry-after-ms': '250' })).toEqual({ delayMs: 250 })
    expect(delay({ 'x-amz-retry-after': '1500' })).toEqual({ delayMs: 1500 })
    expect(delay({ 'retry-after': 'Tue, 24 Nov 2026 10:00:03 GMT' })).toEqual({ delayMs: 3000 })
  })

  it('a retry-after beyond the cap is not waited for, and spends nothing; a wait has no cap', () => {
    const { policy, quota, call } = clientPolicy()
    expect(policy.failed(call, serviceError(503, { 'retry-after': '61' }), 1, true)).toEqual({
      stop: 'retry-after',
    })
    expect(policy.failed(call, serviceError(503, { 'retry-after': '60' }), 1, true)).toEqual({
      delayMs: 60_000,
    })
    expect(quota.available).toBe(RetryQuota.capacity - RetryQuota.retryCost)
    const waiter = createRetryPolicy({
      maxAttempts: Number.POSITIVE_INFINITY,
      backoff: { ...defaultBackoff, maxRetryAfterMs: Number.POSITIVE_INFINITY },
    })
    expect(
      waiter.failed(waiter.start(), serviceError(503, { 'retry-after': '3600' }), 50, true),
    ).toEqual({ delayMs: 3_600_000 })
  })

  it('an aborted signal stops it whatever the error', () => {
    const { policy, call } = clientPolicy()
    expect(policy.failed(call, serviceError(503), 1, true, AbortSignal.abort())).toEqual({
      stop: 'aborted',
    })
    expect(policy.failed(call, serviceError(503), 1, true, new AbortController().signal)).toEqual({
      delayMs: expect.any(Number),
    })
  })
})

describe('the shared retry budget, through the policy', () => {
  it('a retry costs 5, one after a lost answer 10; a success gives back what its call spent', () => {
    const { policy, quota } = clientPolicy()
    const call = policy.start()
    policy.failed(call, new CodeCatalystTimeoutError(10), 1, true)
    policy.failed(call, serviceError(503), 2, true)
    expect(quota.available).toBe(485)
    policy.succeeded(call)
    expect(quota.available).toBe(500)
    const other = policy.start()
    policy.failed(other, serviceError(503), 1, true)
    policy.succeeded(policy.start()) // another call, no retries: gives back 1
    expect(quota.available).toBe(496)
  })

  it('an empty budget stops the retry, with a note for the error, until calls succeed', () => {
    const { policy, quota } = clientPolicy({ maxAttempts: 2 })
    for (let call = 0; call < 100; call++) {
      expect(policy.failed(policy.start(), serviceError(503), 1, true).stop).toBeUndefined()
    }
    expect(quota.available).toBe(0)
    const decision = policy.failed(policy.start(), serviceError(503), 1, true)
    expect(decision).toEqual({
      stop: 'budget',
      note: "(Not retried: this client's retry budget is spent, by failures across its calls; it refills as calls succeed.)",
    })
    for (let call = 0; call < 5; call++) policy.succeeded(policy.start())
    expect(policy.failed(policy.start(), serviceError(503), 1, true).stop).toBeUndefined()
  })

  it('without a budget (the waiter’s), retries are not counted', () => {
    const policy = createRetryPolicy({
      maxAttempts: Number.POSITIVE_INFINITY,
      backoff: defaultBackoff,
    })
    const call = policy.start()
    for (let retry = 1; retry < 200; retry++) {
      expect(policy.failed(call, serviceError(503), retry, true).stop).toBeUndefined()
    }
  })
})

describe('adaptive mode, through the policy', () => {
  it('without a limiter there is no turn to wait for', () => {
    const { policy } = clientPolicy()
    expect(policy.turn(undefined, 1)).toBeUndefined()
  })

  it('each answer teaches the limiter: a throttle turns it on, at the time the attempt was sent', async () => {
    const limiter = new AdaptiveRateLimiter()
    const { policy } = clientPolicy({ limiter })
    for (let index = 0; index < 40; index++) {
      const call = policy.start()
      await policy.turn(undefined, 1)
      policy.sending(call)
      vi.advanceTimersByTime(25)
      policy.succeeded(call)
    }
    expect(limiter.rate).toBeUndefined()
    const call = policy.start()
    await policy.turn(undefined, 1)
    policy.sending(call)
    expect(policy.failed(call, serviceError(503), 1, true).stop).toBeUndefined()
    expect(limiter.rate).toBeUndefined() // a 503 is not a throttle
    policy.sending(call)
    policy.failed(call, serviceError(429), 2, true)
    const cut = limiter.rate as number
    expect(cut).toBeGreaterThan(0)
    // An answer to a request sent before that cut does not cut again.
    const early = policy.start()
    early.sentAt = limiter.time() - 10
    policy.failed(early, serviceError(429), 1, true)
    expect(limiter.rate).toBe(cut)
  })

  it('once on, an attempt waits its turn, abortably', async () => {
    const limiter = new AdaptiveRateLimiter()
    const { policy } = clientPolicy({ limiter })
    const call = policy.start()
    policy.sending(call)
    vi.advanceTimersByTime(10)
    policy.failed(call, serviceError(429), 1, true) // on, and its bucket empty
    const controller = new AbortController()
    const turns = Array.from({ length: 3 }, () => policy.turn(controller.signal, 2))
    expect(turns.every((turn) => turn instanceof Promise)).toBe(true)
    expect(vi.getTimerCount()).toBe(1) // the limiter's, to let them through
    controller.abort(new Error('stop'))
    const errors = await Promise.all(turns.map((turn) => turn?.catch((caught: unknown) => caught)))
    for (const error of errors) {
      expect(error).toBeInstanceOf(CodeCatalystAbortError)
      expect(error).toMatchObject({ attempts: 1, cause: new Error('stop') })
    }
    expect(vi.getTimerCount()).toBe(0)
  })
})
