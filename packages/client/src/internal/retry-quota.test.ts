import { describe, expect, it } from 'vitest'
import { RetryQuota } from './retry-quota.js'

describe('RetryQuota (the AWS SDKs’ standard-mode retry budget)', () => {
  it('starts with 500 tokens; a retry costs 5, one after a timeout or a lost connection 10', () => {
    const quota = new RetryQuota()
    expect(quota.available).toBe(500)
    expect(quota.take(false)).toBe(5)
    expect(quota.take(true)).toBe(10)
    expect(quota.available).toBe(485)
  })

  it('pays for 100 ordinary retries, then none until calls succeed again', () => {
    const quota = new RetryQuota()
    for (let retry = 0; retry < 100; retry++) expect(quota.take(false)).toBe(5)
    expect(quota.take(false)).toBeUndefined()
    expect(quota.take(true)).toBeUndefined()
    expect(quota.available).toBe(0)
    quota.succeeded(0)
    expect(quota.available).toBe(1)
  })

  it('refuses a dear retry it cannot pay for, and still pays a cheap one', () => {
    const quota = new RetryQuota()
    for (let retry = 0; retry < 99; retry++) quota.take(false)
    expect(quota.available).toBe(5)
    expect(quota.take(true)).toBeUndefined()
    expect(quota.take(false)).toBe(5)
  })

  it('a success after retries gives back what they took; one without retries gives back 1', () => {
    const quota = new RetryQuota()
    const spent = (quota.take(true) ?? 0) + (quota.take(false) ?? 0)
    expect(quota.available).toBe(485)
    quota.succeeded(spent)
    expect(quota.available).toBe(500)
    quota.take(false)
    quota.succeeded(0)
    expect(quota.available).toBe(496)
  })

  it('never holds more than its capacity', () => {
    const quota = new RetryQuota()
    for (let call = 0; call < 10; call++) quota.succeeded(0)
    quota.succeeded(10)
    expect(quota.available).toBe(500)
  })
})
