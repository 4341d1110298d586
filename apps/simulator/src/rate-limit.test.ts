import { expect, it } from 'vitest'
import { manualClock } from './manual-clock.ts'
import { createRateLimit } from './rate-limit.ts'

it('allows N requests at once per key, then earns them back at N a second', () => {
  const clock = manualClock()
  const limit = createRateLimit(4, clock.now)
  const burst = () => Array.from({ length: 5 }, () => limit.allow('a'))
  expect(burst()).toEqual([true, true, true, true, false])
  expect(limit.allow('b')).toBe(true)
  clock.advance(500) // half a second: two requests earned
  expect(burst()).toEqual([true, true, false, false, false])
  clock.advance(60_000) // never more than N saved up
  expect(burst()).toEqual([true, true, true, true, false])
})
