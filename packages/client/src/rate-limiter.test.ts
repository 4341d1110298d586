import { describe, expect, it } from 'vitest'
import { AdaptiveRateLimiter } from './rate-limiter.js'

/** A limiter on a clock the test moves; `send` is one attempt and its answer. */
function limiterAt(startMs = 1_000_000) {
  let now = startMs
  const limiter = new AdaptiveRateLimiter(() => now)
  return {
    limiter,
    advance: (ms: number) => {
      now += ms
    },
    /** Sends `count` answered attempts, `perSecond` of them a second, each after its token. */
    send(count: number, perSecond: number, throttled: (index: number) => boolean) {
      const waits: number[] = []
      for (let index = 0; index < count; index++) {
        const wait = limiter.reserve()
        waits.push(wait)
        now += Math.max(wait, 1000 / perSecond)
        limiter.update(throttled(index))
      }
      return waits
    },
  }
}

describe('AdaptiveRateLimiter (CUBIC, as the AWS SDKs’ adaptive mode)', () => {
  it('lets everything through until the service first throttles', () => {
    const { limiter, send } = limiterAt()
    expect(send(200, 50, () => false).every((wait) => wait === 0)).toBe(true)
    expect(limiter.rate).toBeUndefined()
  })

  it('a throttle cuts the rate to 70 % of what the client was sending', () => {
    const { limiter, send } = limiterAt()
    send(100, 40, () => false) // about 40 a second, measured over half-second buckets
    send(1, 40, () => true)
    expect(limiter.rate).toBeGreaterThan(0.7 * 40 * 0.9)
    expect(limiter.rate).toBeLessThan(0.7 * 40 * 1.1)
  })

  it('once on, it spaces attempts at its rate: callers queue rather than burst', () => {
    const { limiter, send } = limiterAt()
    send(100, 40, () => false)
    send(1, 40, () => true)
    const rate = limiter.rate as number
    // Sixty callers at once: what the bucket holds goes at once, then each caller waits one
    // more token's time than the one before.
    const waits = Array.from({ length: 60 }, () => limiter.reserve())
    const queued = waits.filter((wait) => wait > 0)
    expect(queued.length).toBeGreaterThan(60 - rate - 1)
    for (let index = 1; index < queued.length; index++) {
      expect((queued[index] as number) - (queued[index - 1] as number)).toBeCloseTo(1000 / rate, 0)
    }
  })

  it('repeated throttling keeps cutting, down to 0.5 a second and no lower', () => {
    const { limiter, send } = limiterAt()
    send(100, 40, () => false)
    let previous = Number.POSITIVE_INFINITY
    for (let round = 0; round < 30; round++) {
      send(1, 40, () => true)
      expect(limiter.rate).toBeLessThanOrEqual(previous)
      previous = limiter.rate as number
    }
    expect(limiter.rate).toBe(0.5)
  })

  it('without throttling the rate grows back past where it was cut, along a cubic curve', () => {
    const { limiter, send } = limiterAt()
    send(100, 40, () => false)
    send(1, 40, () => true)
    const cut = limiter.rate as number
    const rates: number[] = []
    for (let second = 0; second < 8; second++) {
      send(40, 40, () => false)
      rates.push(limiter.rate as number)
    }
    expect(rates.at(-1)).toBeGreaterThan(cut)
    // Never more than twice what the client measured itself sending.
    for (const rate of rates) expect(rate).toBeLessThanOrEqual(2 * 40 * 1.1)
  })

  it('an aborted wait gives its token back', () => {
    const { limiter, send } = limiterAt()
    send(100, 40, () => false)
    send(1, 40, () => true)
    const first = limiter.reserve()
    limiter.cancel()
    expect(limiter.reserve()).toBeCloseTo(first, 5)
  })
})
