/**
 * The client-side rate limiter of `retryMode: 'adaptive'`: a token bucket in front of every
 * attempt of every call of one client, whose fill rate follows CUBIC congestion control. It is off
 * until the service first throttles; then each throttled answer cuts the rate to 70 % of what the
 * client was sending, and it grows back along a cubic curve that is flat near the last rate that
 * was throttled and steep away from it.
 *
 * This follows the AWS SDKs' published behavior: the AWS SDKs and Tools Reference Guide, "Retry
 * behavior" (adaptive mode), and `DefaultRateLimiter` in `@smithy/util-retry` (the AWS SDK for
 * JavaScript v3), with its constants: β 0.7, scale 0.4, smoothing 0.8, a minimum fill rate of 0.5
 * per second and a minimum capacity of 1. Unlike that one, a wait here is abortable by the
 * call's signal, and time comes from a clock that tests can drive.
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

  /**
   * Takes a token for one attempt and says how long to wait before sending it, in milliseconds
   * (0: at once). Waiting callers queue behind each other: the bucket goes below zero.
   */
  reserve(): number {
    if (!this.#enabled) return 0
    this.#refill()
    const wait = this.#capacity >= 1 ? 0 : ((1 - this.#capacity) / this.#fillRate) * 1000
    this.#capacity -= 1
    return wait
  }

  /** Gives back a token reserved for an attempt that was never sent (its call was aborted). */
  cancel(): void {
    if (this.#enabled) this.#capacity = Math.min(this.#maxCapacity, this.#capacity + 1)
  }

  /** Learns from one answer: a throttled one cuts the rate, any other lets it grow back. */
  update(throttled: boolean): void {
    this.#measure()
    let rate: number
    const seconds = this.#seconds()
    if (throttled) {
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

  #setRate(rate: number): void {
    this.#refill()
    this.#fillRate = Math.max(rate, AdaptiveRateLimiter.minFillRate)
    this.#maxCapacity = Math.max(rate, AdaptiveRateLimiter.minCapacity)
    this.#capacity = Math.min(this.#capacity, this.#maxCapacity)
  }

  #computeTimeWindow(): void {
    this.#timeWindow = Math.cbrt(
      (this.#lastMaxRate * (1 - AdaptiveRateLimiter.beta)) / AdaptiveRateLimiter.scaleConstant,
    )
  }

  /** The rate the client sends at, smoothed over half-second buckets. */
  #measure(): void {
    const bucket = Math.floor(this.#seconds() * 2) / 2
    this.#requestCount++
    if (bucket > this.#lastRateBucket) {
      const current = this.#requestCount / (bucket - this.#lastRateBucket)
      this.#measuredRate =
        current * AdaptiveRateLimiter.smooth + this.#measuredRate * (1 - AdaptiveRateLimiter.smooth)
      this.#requestCount = 0
      this.#lastRateBucket = bucket
    }
  }
}
