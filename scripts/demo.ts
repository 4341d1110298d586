// The README's first command: start the Prism mock of the spec, run the CLI's `get` against it,
// print the run and stop the mock, whatever happens.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startPrism } from './prism.ts'

const cli = fileURLToPath(new URL('../apps/cli/dist/main.js', import.meta.url))
const mock = await startPrism()
console.log(`Prism mock of the spec listening on ${mock.url} (pid ${mock.pid})\n`)
let status = 1
try {
  const args = [
    'get',
    '--space',
    'my-space',
    '--project',
    'my-project',
    '--id',
    '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
    '--endpoint',
    mock.url,
  ]
  console.log(`$ codecatalyst-runs ${args.join(' ')}`)
  const result = spawnSync(process.execPath, [cli, ...args], {
    stdio: 'inherit',
    env: { ...process.env, CODECATALYST_TOKEN: process.env.CODECATALYST_TOKEN ?? 'demo-token' },
  })
  status = result.status ?? 1
} finally {
  await mock.stop()
  console.log('\nPrism mock stopped.')
}
process.exitCode = status
