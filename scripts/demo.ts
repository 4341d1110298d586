// The README's first command (after install and build): start the CodeCatalyst simulator behind
// Prism's validation proxy, use the CLI against it to list the workflows, start a run and watch
// it to the end, list the runs and get the new one; then stop both, whatever happens.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startProxiedSimulator } from '@codecatalyst-runs/simulator'
import { where } from '@codecatalyst-runs/testing/fixtures'

const cli = fileURLToPath(new URL('../apps/cli/dist/main.js', import.meta.url))
const stepMs = 1_000

/** Runs the CLI with its output shown as it comes, and resolves with its exit code and stdout. */
function codecatalystRuns(args: string[], env: NodeJS.ProcessEnv) {
  console.log(`\n$ codecatalyst-runs ${args.join(' ')}`)
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk
    process.stdout.write(chunk)
  })
  return new Promise<{ code: number; stdout: string }>((resolve) =>
    child.once('close', (code) => resolve({ code: code ?? 1, stdout })),
  )
}

const sim = await startProxiedSimulator({ stepMs })
console.log(
  `CodeCatalyst simulator (each run step ${stepMs / 1000}s) behind Prism's validation proxy on ${sim.url}`,
)
const env = {
  ...process.env,
  // The simulator takes any bearer token; the proxy checks that one is sent.
  CODECATALYST_TOKEN: 'demo-token',
  CODECATALYST_ENDPOINT: sim.url,
  CODECATALYST_SPACE: where.spaceName,
  CODECATALYST_PROJECT: where.projectName,
}
console.log(
  `$ export CODECATALYST_SPACE=${where.spaceName} CODECATALYST_PROJECT=${where.projectName} CODECATALYST_ENDPOINT=${sim.url}`,
)
let runId = ''
const steps = [
  () => ['workflows'],
  () => ['start', '--workflow', 'build', '--branch', 'main', '--wait', '--interval', '250ms'],
  () => ['list', '--workflow', 'build', '--branch', 'main', '--limit', '3'],
  () => ['get', '--id', runId],
]
let status = 0
try {
  for (const step of steps) {
    const { code, stdout } = await codecatalystRuns(step(), env)
    // `start` prints the new run's id on its first line.
    runId ||= /^[0-9a-f-]{36}$/m.exec(stdout)?.[0] ?? ''
    status = code
    if (status !== 0) break
  }
} finally {
  await sim.stop()
  console.log('\nSimulator and proxy stopped.')
}
process.exitCode = status
