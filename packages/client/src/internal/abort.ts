// How the client waits and stops: one abortable wait (the backoff sleep, the waiter's sleep between
// polls, the adaptive limiter's queue are all one) and one way to give a caller's signal an
// internal deadline (an attempt's timeout, a wait's). Both listen to the caller's signal with a
// listener removed once they are done, never with AbortSignal.any: Node 20 keeps an entry for
// every signal any() derives from a long-lived one until that one is collected. No timer set here
// outlives the wait or the deadline that set it.
import { CodeCatalystAbortError } from '../errors.js'

/** What a call or a wait rejects with when `signal` aborts: the signal's reason as its cause. */
export function abortError(
  signal: AbortSignal | undefined,
  attempts: number,
): CodeCatalystAbortError {
  return new CodeCatalystAbortError({ cause: signal?.reason, attempts })
}

/**
 * Waits until `start` calls `done`, or rejects with CodeCatalystAbortError as soon as `signal`
 * aborts, and then calls the `cancel` that `start` returned, which must undo whatever `start` set
 * up (a timer, a place in a queue). An already aborted signal rejects without calling `start`.
 * `done` may be called from inside `start`.
 */
export function abortable(
  signal: AbortSignal | undefined,
  attempts: number,
  start: (done: () => void) => () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal, attempts))
      return
    }
    let cancel: (() => void) | undefined
    const onAbort = () => {
      cancel?.()
      reject(abortError(signal, attempts))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    cancel = start(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}

/** Waits `ms`, or rejects with CodeCatalystAbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, attempts = 0): Promise<void> {
  return abortable(signal, attempts, (done) => {
    const timer = setTimeout(done, ms)
    return () => clearTimeout(timer)
  })
}

/** A caller's signal with a deadline added (see `withDeadline`). */
export interface Deadline {
  /**
   * Aborts when the caller's signal does, with its reason, or when the time is up: aborted while
   * the caller's is not, it says that the time ran out. Undefined when there is neither a caller's
   * signal nor a finite timeout.
   */
  readonly signal: AbortSignal | undefined
  /** Clears the timer and the listener: call it once the work the signal guards has ended. */
  release(): void
}

const nothingToRelease = () => {}

/**
 * A caller's signal with a deadline of `timeoutMs` added. Without a finite timeout it is the
 * caller's own signal, undefined when there is none, and costs nothing.
 */
export function withDeadline(caller: AbortSignal | undefined, timeoutMs: number): Deadline {
  if (!Number.isFinite(timeoutMs)) return { signal: caller, release: nothingToRelease }
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const forward = () => controller.abort(caller?.reason)
  if (caller?.aborted) forward()
  else caller?.addEventListener('abort', forward, { once: true })
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer)
      caller?.removeEventListener('abort', forward)
    },
  }
}

/** A caller's signal that can also be aborted from inside (see `stoppable`). */
export interface Stoppable extends Deadline {
  readonly signal: AbortSignal
  /** Aborts `signal` now, for everything that listens to it. */
  stop(): void
}

/**
 * A signal that aborts when the caller's does, with its reason, or when `stop` is called: to end
 * the work of many calls at once (a watch's waits when its reader stops reading).
 */
export function stoppable(caller: AbortSignal | undefined): Stoppable {
  const controller = new AbortController()
  const forward = () => controller.abort(caller?.reason)
  if (caller?.aborted) forward()
  else caller?.addEventListener('abort', forward, { once: true })
  return {
    signal: controller.signal,
    stop: () => controller.abort(),
    release() {
      caller?.removeEventListener('abort', forward)
    },
  }
}
