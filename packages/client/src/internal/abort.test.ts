import { getEventListeners } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CodeCatalystAbortError } from '../errors.js'
import { abortable, sleep, withDeadline } from './abort.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** How a promise has settled so far: 'pending', 'resolved', or what it rejected with. */
function watch(promise: Promise<unknown>) {
  const state: { settled: 'pending' | 'resolved' | 'rejected'; error?: unknown } = {
    settled: 'pending',
  }
  promise.then(
    () => {
      state.settled = 'resolved'
    },
    (error: unknown) => {
      state.settled = 'rejected'
      state.error = error
    },
  )
  return state
}

describe('sleep', () => {
  it('resolves after its time, not before, and leaves no listener or timer', async () => {
    const controller = new AbortController()
    const slept = watch(sleep(1000, controller.signal))
    await vi.advanceTimersByTimeAsync(999)
    expect(slept.settled).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(slept.settled).toBe('resolved')
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('an abort during the sleep rejects at once with the reason and the attempts, and clears the timer', async () => {
    const controller = new AbortController()
    const slept = watch(sleep(60_000, controller.signal, 2))
    await vi.advanceTimersByTimeAsync(100)
    controller.abort(new Error('shutting down'))
    await vi.advanceTimersByTimeAsync(0)
    expect(slept.settled).toBe('rejected')
    expect(slept.error).toBeInstanceOf(CodeCatalystAbortError)
    expect(slept.error).toMatchObject({ attempts: 2, cause: new Error('shutting down') })
    expect(vi.getTimerCount()).toBe(0)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('an already aborted signal rejects without setting a timer', async () => {
    const error = await sleep(1000, AbortSignal.abort('gone')).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystAbortError)
    expect(error).toMatchObject({ attempts: 0, cause: 'gone' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('works without a signal', async () => {
    const slept = watch(sleep(10, undefined))
    await vi.advanceTimersByTimeAsync(10)
    expect(slept.settled).toBe('resolved')
  })
})

describe('abortable', () => {
  it('an abort calls the cancel that start returned, once', async () => {
    const controller = new AbortController()
    const cancel = vi.fn()
    const waited = watch(abortable(controller.signal, 1, () => cancel))
    controller.abort()
    controller.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(cancel).toHaveBeenCalledTimes(1)
    expect(waited.error).toBeInstanceOf(CodeCatalystAbortError)
  })

  it('done may come from inside start; then nothing stays on the signal', async () => {
    const controller = new AbortController()
    const cancel = vi.fn()
    await abortable(controller.signal, 0, (done) => {
      done()
      return cancel
    })
    controller.abort()
    expect(cancel).not.toHaveBeenCalled()
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })
})

describe('withDeadline', () => {
  it('without a finite timeout it is the caller’s own signal, or none, with no timer', () => {
    const controller = new AbortController()
    expect(withDeadline(controller.signal, Number.POSITIVE_INFINITY).signal).toBe(controller.signal)
    expect(withDeadline(undefined, Number.POSITIVE_INFINITY).signal).toBeUndefined()
    expect(vi.getTimerCount()).toBe(0)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('aborts when the time is up, while the caller’s signal has not', async () => {
    const caller = new AbortController()
    const deadline = withDeadline(caller.signal, 500)
    await vi.advanceTimersByTimeAsync(499)
    expect(deadline.signal?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(deadline.signal?.aborted).toBe(true)
    expect(caller.signal.aborted).toBe(false)
    deadline.release()
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0)
  })

  it('aborts with the caller’s reason when the caller aborts, already or later', () => {
    const caller = new AbortController()
    const deadline = withDeadline(caller.signal, 500)
    caller.abort(new Error('stop'))
    expect(deadline.signal?.reason).toEqual(new Error('stop'))
    deadline.release()
    const late = withDeadline(AbortSignal.abort('before'), 500)
    expect(late.signal?.aborted).toBe(true)
    expect(late.signal?.reason).toBe('before')
    late.release()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('release clears its timer and its listener on a long-lived signal', () => {
    const shutdown = new AbortController()
    for (let attempt = 0; attempt < 50; attempt++) withDeadline(shutdown.signal, 30_000).release()
    expect(vi.getTimerCount()).toBe(0)
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0)
  })
})
