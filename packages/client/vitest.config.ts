import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'client',
    // Generous: on two busy cores, processes and retries share the CPU with the release test.
    testTimeout: 20_000,
    // The public types are part of the product: *.test-d.ts files are type-checked.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
