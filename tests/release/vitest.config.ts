import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'release',
    // One end-to-end flow whose steps build on each other.
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
})
