import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'remote-cache',
    // One cache server and clones whose steps build on each other.
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
})
