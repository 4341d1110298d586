import { defineProject } from 'vitest/config'

export default defineProject({
  // Generous: the guard runs redocly, git, tsc and API Extractor as processes on two busy cores.
  test: { name: 'semver-guard', testTimeout: 60_000, hookTimeout: 120_000 },
})
