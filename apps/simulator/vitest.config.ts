import { configDefaults, defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'simulator',
    // live.test.ts talks to AWS: `pnpm test:live` runs it, `pnpm test` never does.
    exclude: [...configDefaults.exclude, 'src/live.test.ts'],
    // Generous: Prism's proxy starts in about a second, slower on two busy cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
