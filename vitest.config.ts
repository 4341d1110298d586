import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'spec', 'contract', 'release', 'runtimes', 'remote-cache'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
})
