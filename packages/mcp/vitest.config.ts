import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'mcp',
    // Generous: on two busy cores, the processes share the CPU with the release test.
    testTimeout: 30_000,
  },
})
