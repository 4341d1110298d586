import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'cli',
    // Generous: on two busy cores, processes and retries share the CPU with the release test.
    testTimeout: 30_000,
    // One Prism mock for every file of the project, started before and stopped after them.
    globalSetup: ['@codecatalyst-runs/testing/prism-setup'],
  },
})
