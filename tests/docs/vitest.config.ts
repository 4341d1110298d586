import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'docs',
    // One Prism mock for the samples, and one build of the page (`node scripts/docs.ts` into a
    // temp folder) for both files; each is stopped or removed after the run.
    globalSetup: ['@codecatalyst-runs/testing/prism-setup', './build-page.ts'],
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
})
