import { abortable, abortError } from './abort.js'

/**
 * The client-side rate limiter of `retryMode: 'adaptive'`: a token bucket in front of every
 * attempt of every call of one client, whose fill rate follows CUBIC congestion control. It is off
 * until the service first throttles; then a throttle cuts the rate to 70 % of what the client was
 * sending, and it grows back along a cubic curve that is flat near the rate that was throttled
 * and steep away from it.
 *
 * This follows the AWS SDKs' published behavior: the AWS SDKs and Tools Reference Guide, "Retry
 * behavior" (adaptive mode), and `DefaultRateLimiter` in `@smithy/util-retry` (the AWS SDK for
 * JavaScript v3), with its constants: β 0.7, scale 0.4, smoothing 0.8, a minimum fill rate of 0.5
 * per second and a minimum capacity of 1. It differs where many calls share one client, which is
 * what this mode is for (measured by `pnpm bench`'s load scenario, where the SDK's way left 1,000
 * waiters at 0.5 requests a second):
 * - Waiting calls queue, first come first served, and are let through at the rate of the moment.
 *   The SDK works each call's wait out once, when it asks; a thousand calls asking at a low rate
 *   then sleep on for minutes after the rate has grown back.
 * - One cut per congestion event, as CUBIC for TCP (RFC 8312) cuts once per loss event: an answer
 *   to a request sent before the last cut does not cut again. The SDK cuts on every throttled
 *   answer, so a burst of a thousand calls throttled together cuts to the minimum rate at once.
 * - Before its first half-second of measurements, the sending rate is estimated from the requests
 *   so far instead of being taken as 0.
 * A wait is abortable by the call's signal, and time comes from a clock that tests can drive.
 */
export class AdaptiveRateLimiter {
  static readonly beta = 0.7
  static readonly scaleConstant = 0.4
  static readonly smooth = 0.8
  static readonly minFillRate = 0.5
  static readonly minCapacity = 1

  #enabled = false
  #fillRate = AdaptiveRateLimiter.minFillRate
  #maxCapacity = AdaptiveRateLimiter.minCapacity
  #capacity = 0
  #lastRefill: number | undefined
  #lastMaxRate = 0
  #lastThrottle: number
  #timeWindow = 0
  #measuredRate = 0
  #requestCount = 0
  #lastRateBucket: number
  #firstAnswer: number | undefined
  #measuredABucket = false
  #queue: Array<() => void> = []
  #timer: ReturnType<typeof setTimeout> | undefined

  /** @param now the clock, in milliseconds */
  constructor(private readonly now: () => number = Date.now) {
    const seconds = this.#seconds()
    this.#lastThrottle = seconds
    this.#lastRateBucket = Math.floor(seconds)
  }

  /** Requests per second the bucket allows now, or undefined while it is off. */
  get rate(): number | undefined {
    return this.#enabled ? this.#fillRate : undefined
  }

  /** The clock's time, in ms: what an attempt records as sent, for `update`. */
  time(): number {
    return this.now()
  }

  /**
   * Resolves when the attempt may be sent: at once while the limiter is off or a token is there,
   * else in turn behind the calls already waiting. Rejects with CodeCatalystAbortError if the
   * signal aborts first.
   */
  acquire(signal: AbortSignal | undefined, attempts = 0): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal, attempts))
    if (!this.#enabled) return Promise.resolve()
    this.#refill()
    if (this.#queue.length === 0 && this.#capacity >= 1) {
      this.#capacity -= 1
      return Promise.resolve()
    }
    return abortable(signal, attempts, (release) => {
      this.#queue.push(release)
      this.#schedule()
      return () => {
        this.#queue.splice(this.#queue.indexOf(release), 1)
        // Nothing left to let through: no timer may keep the process up for it.
        if (this.#queue.length === 0) {
          clearTimeout(this.#timer)
          this.#timer = undefined
        }
      }
    })
  }

  /**
   * Learns from one answer: a throttled one cuts the rate, unless its request was sent before the
   * last cut; any other lets the rate grow back. `sentAt` is `time()` when the request was sent.
   */
  update(throttled: boolean, sentAt: number = this.now()): void {
    this.#measure()
    const seconds = this.#seconds()
    let rate: number
    if (throttled) {
      if (this.#enabled && sentAt / 1000 < this.#lastThrottle) return
      const sending = this.#enabled
        ? Math.min(this.#measuredRate, this.#fillRate)
        : this.#measuredRate
      this.#lastMaxRate = sending
      this.#computeTimeWindow()
      this.#lastThrottle = seconds
      rate = sending * AdaptiveRateLimiter.beta
      this.#enabled = true
    } else {
      this.#computeTimeWindow()
      rate =
        AdaptiveRateLimiter.scaleConstant * (seconds - this.#lastThrottle - this.#timeWindow) ** 3 +
        this.#lastMaxRate
    }
    this.#setRate(Math.min(rate, 2 * this.#measuredRate))
  }

  #seconds(): number {
    return this.now() / 1000
  }

  #refill(): void {
    const seconds = this.#seconds()
    if (this.#lastRefill !== undefined) {
      const refill = (seconds - this.#lastRefill) * this.#fillRate
      this.#capacity = Math.min(this.#maxCapacity, this.#capacity + refill)
    }
    this.#lastRefill = seconds
  }

  /** Lets waiting calls through as tokens come, at the rate of the moment. */
  #schedule(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#refill()
    while (this.#queue.length > 0 && this.#capacity >= 1) {
      this.#capacity -= 1
      this.#queue.shift()?.()
    }
    if (this.#queue.length === 0) return
    const wait = ((1 - this.#capacity) / this.#fillRate) * 1000
    this.#timer = setTimeout(() => this.#schedule(), wait)
  }

  #setRate(rate: number): void {
    this.#refill()
    this.#fillRate = Math.max(rate, AdaptiveRateLimiter.minFillRate)
    this.#maxCapacity = Math.max(rate, AdaptiveRateLimiter.minCapacity)
    this.#capacity = Math.min(this.#capacity, this.#maxCapacity)
    // Calls already waiting go at the new rate, not at the one they found.
    if (this.#queue.length > 0) this.#schedule()
  }

  #computeTimeWindow(): void {
    this.#timeWindow = Math.cbrt(
      (this.#lastMaxRate * (1 - AdaptiveRateLimiter.beta)) / AdaptiveRateLimiter.scaleConstant,
    )
  }

  /** The rate the client gets answers at, smoothed over half-second buckets. */
  #measure(): void {
    const seconds = this.#seconds()
    this.#firstAnswer ??= seconds
    const bucket = Math.floor(seconds * 2) / 2
    this.#requestCount++
    if (bucket > this.#lastRateBucket) {
      const current = this.#requestCount / (bucket - this.#lastRateBucket)
      this.#measuredRate =
        current * AdaptiveRateLimiter.smooth + this.#measuredRate * (1 - AdaptiveRateLimiter.smooth)
      this.#requestCount = 0
      this.#lastRateBucket = bucket
      this.#measuredABucket = true
    } else if (!this.#measuredABucket) {
      // No full bucket yet: the answers so far, over at least a tenth of a second.
      this.#measuredRate = this.#requestCount / Math.max(0.1, seconds - this.#firstAnswer)
    }
  }
}
