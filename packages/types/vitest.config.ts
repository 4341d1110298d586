import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'types',
    // The types are this package's product: their tests are type-checked, not run.
    typecheck: { enabled: true, only: true, tsconfig: './tsconfig.json' },
  },
})
