/**
 * The retry budget one client shares between all its calls (the AWS SDKs' standard mode): a retry
 * spends tokens, a success earns some back, and an empty budget means no more retries until calls
 * succeed again. It keeps a failing service from being hammered by every call's own retries.
 *
 * Figures from the AWS SDKs and Tools Reference Guide, "Retry behavior" (standard mode), as
 * `@smithy/util-retry` implements them: capacity 500, a retry costs 5, a retry after a timeout
 * or a lost connection costs 10; a call that succeeds after retrying gives back what its retries
 * took, one that succeeds at once gives back 1.
 */
export class RetryQuota {
  static readonly capacity = 500
  static readonly retryCost = 5
  static readonly timeoutRetryCost = 10
  static readonly successIncrement = 1

  #available = RetryQuota.capacity

  /** The tokens left. */
  get available(): number {
    return this.#available
  }

  /**
   * Takes the cost of one retry, or nothing and undefined when the budget cannot pay for it.
   * `lostAnswer`: the attempt timed out or lost its connection, the dearer kind of retry.
   */
  take(lostAnswer: boolean): number | undefined {
    const cost = lostAnswer ? RetryQuota.timeoutRetryCost : RetryQuota.retryCost
    if (cost > this.#available) return undefined
    this.#available -= cost
    return cost
  }

  /** A call succeeded; `spent` is what its retries took (0 when it did not retry). */
  succeeded(spent: number): void {
    const earned = spent > 0 ? spent : RetryQuota.successIncrement
    this.#available = Math.min(RetryQuota.capacity, this.#available + earned)
  }
}
