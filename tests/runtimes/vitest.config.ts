import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'runtimes',
    // One file: the runtimes share one packed consumer and one Prism, and write one report.
    sequence: { concurrent: false },
    // A cold machine downloads Node 20 and 22, Bun and Deno (about 530 MB; Node 24 is the repo's
    // own) and apt-installs Chromium.
    hookTimeout: 120_000,
    testTimeout: 600_000,
  },
})
