import { defineProject } from 'vitest/config'

export default defineProject({
  // Generous, as testing's: Prism starts in about a second, slower on two busy cores.
  test: { name: 'dev-servers', testTimeout: 30_000 },
})
