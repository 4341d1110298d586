import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'spec', 'contract', 'release', 'scripts/semver'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
})
