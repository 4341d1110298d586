import { defineProject } from 'vitest/config'

export default defineProject({
  // Generous: on two busy cores, processes and retries share the CPU with the release test.
  test: { name: 'client', testTimeout: 20_000 },
})
