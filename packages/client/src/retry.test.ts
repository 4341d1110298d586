import { describe, expect, it } from 'vitest'
import { backoffDelay, defaultBackoff, retryAfterMs } from './retry.js'

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
