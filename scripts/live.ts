// `pnpm test:live`: the read-only provider checks of the simulator's tests, run through Prism's
// validation proxy against the real CodeCatalyst, to learn whether the spec still matches AWS.
// Needs a token and a project; without them it says what to set and exits 2.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const required = {
  CODECATALYST_TOKEN: 'a CodeCatalyst personal access token',
  CODECATALYST_SPACE: 'the space to read',
  CODECATALYST_PROJECT: 'a project of that space with a workflow that has run at least once',
}
const missing = Object.entries(required).filter(([name]) => !process.env[name]?.trim())
if (missing.length > 0) {
  console.error(
    [
      `pnpm test:live reads a real CodeCatalyst project through Prism's validation proxy, and needs ${missing.map(([name]) => name).join(', ')}:`,
      ...Object.entries(required).map(([name, what]) => `  export ${name}=<${what}>`),
      "Optional: CODECATALYST_ENDPOINT (default: the spec's server, https://codecatalyst.global.api.aws).",
      'Only read-only operations are sent: nothing is started or changed.',
    ].join('\n'),
  )
  process.exit(2)
}

const vitestPackage = createRequire(import.meta.url).resolve('vitest/package.json')
const vitest = join(dirname(vitestPackage), 'vitest.mjs')
const simulator = fileURLToPath(new URL('../apps/simulator/', import.meta.url))
const result = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.live.config.ts'], {
  cwd: simulator,
  stdio: 'inherit',
})
process.exitCode = result.status ?? 1
