import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'contract',
    // One Prism process for the whole project, started before and stopped after every file.
    globalSetup: ['@codecatalyst-runs/testing/prism-setup'],
    testTimeout: 60_000,
  },
})
