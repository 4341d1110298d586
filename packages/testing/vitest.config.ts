import { defineProject } from 'vitest/config'

export default defineProject({
  // Generous: Prism starts in about a second, slower on two busy cores.
  test: { name: 'testing', testTimeout: 30_000 },
})
