import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/*',
      // contract, release, runtimes, remote-cache, spec: one workspace package each.
      'tests/*/vitest.config.ts',
    ],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
})
