import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'runtimes',
    // One file: the runtimes share one packed consumer and one Prism, and write one report.
    sequence: { concurrent: false },
    // A cold machine downloads Node ×3, Bun and Deno (about 500 MB) and apt-installs Chromium.
    hookTimeout: 120_000,
    testTimeout: 600_000,
  },
})
