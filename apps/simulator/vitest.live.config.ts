import { defineProject } from 'vitest/config'

// `pnpm test:live` only (scripts/live.ts): the provider checks against the real CodeCatalyst.
export default defineProject({
  test: {
    name: 'live',
    include: ['src/live.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
