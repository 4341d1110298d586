// The README's first command (after install and build): start the Prism mock of the spec, run
// the CLI's `get` and `watch` against it, and stop the mock, whatever happens.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runInput } from '@codecatalyst-runs/testing/fixtures'
import { startPrismMock } from '@codecatalyst-runs/testing/prism'

const cli = fileURLToPath(new URL('../apps/cli/dist/main.js', import.meta.url))
const run = ['--space', runInput.spaceName, '--project', runInput.projectName, '--id', runInput.id]

const mock = await startPrismMock()
console.log(`Prism mock of the spec listening on ${mock.url} (pid ${mock.pid})`)
let status = 0
try {
  for (const args of [
    ['get', ...run],
    ['watch', ...run, '--interval', '1s'],
  ]) {
    console.log(`\n$ codecatalyst-runs ${args.join(' ')}`)
    const result = spawnSync(process.execPath, [cli, ...args], {
      stdio: 'inherit',
      // The mock checks that a bearer token is sent, not which one.
      env: { ...process.env, CODECATALYST_TOKEN: 'demo-token', CODECATALYST_ENDPOINT: mock.url },
    })
    status ||= result.status ?? 1
  }
} finally {
  await mock.stop()
  console.log('\nPrism mock stopped.')
}
process.exitCode = status
