import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CodeCatalystAbortError } from '../errors.js'
import { AdaptiveRateLimiter } from './rate-limiter.js'

// A fake clock drives everything: Date.now and the timers that let waiting calls through.
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-24T10:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
})

/** Answers at `perSecond` for `seconds`, each sent and answered at once, none throttled. */
function answered(limiter: AdaptiveRateLimiter, perSecond: number, seconds: number) {
  for (let index = 0; index < perSecond * seconds; index++) {
    limiter.update(false, limiter.time())
    vi.advanceTimersByTime(1000 / perSecond)
  }
}

/** A limiter that has learnt a rate: 40 answers a second, then one throttle. */
function throttledAt40() {
  const limiter = new AdaptiveRateLimiter()
  answered(limiter, 40, 3)
  limiter.update(true, limiter.time())
  return limiter
}

/** Starts `count` calls at once; says how many have been let through so far, in order. */
function calls(limiter: AdaptiveRateLimiter, count: number, signal?: AbortSignal) {
  const through: number[] = []
  const settled = Array.from({ length: count }, (_, index) =>
    limiter.acquire(signal).then(
      () => {
        through.push(index)
      },
      (error: unknown) => error,
    ),
  )
  return { through, settled }
}

describe('AdaptiveRateLimiter (CUBIC, as the AWS SDKs’ adaptive mode)', () => {
  it('lets everything through at once until the service first throttles', async () => {
    const limiter = new AdaptiveRateLimiter()
    answered(limiter, 50, 2)
    const { through } = calls(limiter, 200)
    await vi.advanceTimersByTimeAsync(0)
    expect(through).toHaveLength(200)
    expect(limiter.rate).toBeUndefined()
  })

  it('a throttle cuts the rate to 70 % of the rate the client was getting answers at', () => {
    const limiter = throttledAt40()
    expect(limiter.rate).toBeGreaterThan(0.7 * 40 * 0.9)
    expect(limiter.rate).toBeLessThan(0.7 * 40 * 1.1)
  })

  it('before half a second of answers it estimates the rate rather than taking 0', () => {
    const limiter = new AdaptiveRateLimiter()
    // 1,000 answers within a tenth of a second, then throttled: a burst, not 0.5 a second.
    for (let index = 0; index < 1000; index++) {
      limiter.update(false, limiter.time())
      vi.advanceTimersByTime(0.1)
    }
    limiter.update(true, limiter.time())
    expect(limiter.rate).toBeGreaterThan(100)
  })

  it('once on, waiting calls go through in turn, at its rate', async () => {
    const limiter = throttledAt40()
    const rate = limiter.rate as number
    const { through } = calls(limiter, 60)
    await vi.advanceTimersByTimeAsync(0)
    const atOnce = through.length // what the bucket held
    expect(atOnce).toBeLessThanOrEqual(Math.ceil(rate))
    await vi.advanceTimersByTimeAsync(1000)
    expect(through.length - atOnce).toBeGreaterThanOrEqual(Math.floor(rate) - 1)
    expect(through.length - atOnce).toBeLessThanOrEqual(Math.ceil(rate) + 1)
    expect(through).toEqual([...through].sort((a, b) => a - b)) // first come, first served
  })

  it('a call that waits goes at the rate of the moment, not at the one it found', async () => {
    const limiter = throttledAt40()
    const { through } = calls(limiter, 200)
    await vi.advanceTimersByTimeAsync(0)
    const before = through.length
    // Cut again (a request sent after the first cut was throttled): the queue slows down.
    vi.advanceTimersByTime(10)
    limiter.update(true, limiter.time())
    const slower = limiter.rate as number
    await vi.advanceTimersByTimeAsync(2000)
    expect(through.length - before).toBeLessThanOrEqual(2 * Math.ceil(slower) + 2)
  })

  it('one cut per congestion event: answers to requests sent before the cut do not cut again', () => {
    const limiter = throttledAt40()
    const sentBeforeTheCut = limiter.time() - 50
    const cut = limiter.rate
    for (let index = 0; index < 500; index++) limiter.update(true, sentBeforeTheCut)
    expect(limiter.rate).toBe(cut)
    vi.advanceTimersByTime(100)
    limiter.update(true, limiter.time())
    expect(limiter.rate).toBeLessThan(cut as number)
  })

  it('throttled again and again, it comes down to 0.5 a second and no lower', () => {
    const limiter = throttledAt40()
    for (let round = 0; round < 40; round++) {
      vi.advanceTimersByTime(10)
      limiter.update(true, limiter.time())
    }
    expect(limiter.rate).toBe(0.5)
  })

  it('without throttling the rate grows back past the cut, never above twice what it measures', () => {
    const limiter = throttledAt40()
    const cut = limiter.rate as number
    const rates: number[] = []
    for (let second = 0; second < 8; second++) {
      answered(limiter, 30, 1)
      rates.push(limiter.rate as number)
    }
    expect(rates.at(-1)).toBeGreaterThan(cut)
    for (const rate of rates) expect(rate).toBeLessThanOrEqual(2 * 40 * 1.1)
  })

  it('an aborted call leaves the queue at once; the others keep their turn', async () => {
    const limiter = throttledAt40()
    const controller = new AbortController()
    calls(limiter, 40) // the bucket and more
    const waiting = calls(limiter, 3, controller.signal)
    const after = calls(limiter, 2)
    controller.abort(new Error('stop'))
    const errors = await Promise.all(waiting.settled)
    for (const error of errors) expect(error).toBeInstanceOf(CodeCatalystAbortError)
    await vi.advanceTimersByTimeAsync(5000)
    expect(after.through).toEqual([0, 1])
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(
      CodeCatalystAbortError,
    )
  })
  it('keeps no timer once every waiting call has been aborted', async () => {
    const limiter = throttledAt40()
    const controller = new AbortController()
    const waiting = calls(limiter, 40, controller.signal) // the bucket and more: the rest wait
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    controller.abort(new Error('shutting down'))
    await Promise.all(waiting.settled)
    expect(vi.getTimerCount()).toBe(0)
  })
})
