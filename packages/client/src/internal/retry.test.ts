import { describe, expect, it } from 'vitest'
import {
  CodeCatalystAbortError,
  CodeCatalystConnectionError,
  CodeCatalystResponseError,
  CodeCatalystTimeoutError,
} from '../errors.js'
import {
  backoffDelay,
  classifyFailure,
  classifyResponse,
  defaultBackoff,
  retryAfterMs,
} from './retry.js'

describe('backoffDelay', () => {
  const samples = (retry: number, throttled = false, retryAfter?: number) =>
    Array.from(
      { length: 2000 },
      () => backoffDelay(retry, throttled, retryAfter, defaultBackoff) as number,
    )

  it('draws full jitter from a window that doubles with each retry', () => {
    for (const [retry, window] of [
      [1, 100],
      [2, 200],
      [3, 400],
    ] as const) {
      const delays = samples(retry)
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...delays)).toBeLessThanOrEqual(window)
      expect(Math.max(...delays)).toBeGreaterThan(window * 0.8) // spread over the whole window
      expect(Math.min(...delays)).toBeLessThan(window * 0.2)
    }
  })

  it('backs off from a larger base when throttled, and never beyond the cap', () => {
    expect(Math.max(...samples(1, true))).toBeGreaterThan(400)
    expect(Math.max(...samples(30, true))).toBeLessThanOrEqual(defaultBackoff.maxDelayMs)
  })

  it('waits at least retry-after, and gives up on one longer than the policy allows', () => {
    expect(Math.min(...samples(1, false, 1500))).toBe(1500)
    expect(backoffDelay(1, false, 61_000, defaultBackoff)).toBeUndefined()
  })
})

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-24T12:00:00Z')
  const parse = (headers: Record<string, string>) => retryAfterMs(new Headers(headers), now)

  it('reads seconds, an HTTP date and retry-after-ms', () => {
    expect(parse({ 'retry-after': '2' })).toBe(2000)
    expect(parse({ 'retry-after': '0.5' })).toBe(500)
    expect(parse({ 'retry-after': 'Tue, 24 Nov 2026 12:00:03 GMT' })).toBe(3000)
    expect(parse({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250)
  })

  it('ignores what it cannot read, and a date in the past means now', () => {
    expect(parse({})).toBeUndefined()
    expect(parse({ 'retry-after': 'soon' })).toBeUndefined()
    expect(parse({ 'retry-after': '-3' })).toBeUndefined()
    expect(parse({ 'retry-after': 'Tue, 24 Nov 2026 11:59:00 GMT' })).toBe(0)
  })
})

describe("AWS's x-amz-retry-after", () => {
  it('is read in milliseconds, after retry-after-ms and before retry-after', () => {
    expect(retryAfterMs(new Headers({ 'x-amz-retry-after': '1500' }))).toBe(1500)
    expect(retryAfterMs(new Headers({ 'x-amz-retry-after': '1500', 'retry-after': '9' }))).toBe(
      1500,
    )
    expect(retryAfterMs(new Headers({ 'x-amz-retry-after': '1500', 'retry-after-ms': '20' }))).toBe(
      20,
    )
    expect(retryAfterMs(new Headers({ 'x-amz-retry-after': 'soon', 'retry-after': '2' }))).toBe(
      2000,
    )
  })
})

describe('the retry classifier', () => {
  it.each([
    [429, undefined, 'throttling'],
    [400, 'ThrottlingException', 'throttling'],
    [400, 'TooManyRequestsException', 'throttling'],
    [500, undefined, 'transient'],
    [502, undefined, 'transient'],
    [503, 'ServiceUnavailable', 'transient'],
    [504, undefined, 'transient'],
    [400, 'RequestTimeoutException', 'transient'],
    [400, 'ValidationException', undefined],
    [401, undefined, undefined],
    [404, 'ResourceNotFoundException', undefined],
    [409, 'ConflictException', undefined],
    [501, undefined, undefined],
  ] as const)('status %i, type %s: %s', (status, errorType, kind) => {
    expect(classifyResponse(status, errorType)).toBe(kind)
  })

  it('retries lost answers and timed-out attempts, never an abort or a bad body', () => {
    expect(classifyFailure(new CodeCatalystConnectionError('reset'))).toBe('transient')
    expect(classifyFailure(new CodeCatalystTimeoutError(10))).toBe('transient')
    expect(classifyFailure(new CodeCatalystAbortError())).toBeUndefined()
    expect(
      classifyFailure(new CodeCatalystResponseError('bad', 'id', 200, undefined)),
    ).toBeUndefined()
  })
})
