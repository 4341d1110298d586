// `pnpm test:live` (scripts/live.ts) as a user runs it: without its variables it says what to
// set; with them it runs the read-only checks through a proxy to CODECATALYST_ENDPOINT, which
// here is a simulator standing in for AWS (this machine has no network).
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { where } from '@codecatalyst-runs/testing/fixtures'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Simulator, startSimulator } from './server.ts'

const liveScript = fileURLToPath(new URL('../../../scripts/live.ts', import.meta.url))
const variables = ['CODECATALYST_TOKEN', 'CODECATALYST_SPACE', 'CODECATALYST_PROJECT']

function testLive(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('CODECATALYST_') && name !== 'FORCE_COLOR',
    ),
  )
  return promisify(execFile)(process.execPath, [liveScript], {
    env: { ...clean, NO_COLOR: '1', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )
}

let simulator: Simulator
beforeAll(async () => {
  simulator = await startSimulator()
})
afterAll(async () => {
  await simulator?.stop()
})

it('without its variables: exit 2, naming each one that is missing and what it is', async () => {
  const { code, stdout, stderr } = await testLive({ CODECATALYST_TOKEN: 'set' })
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr).toMatch(/needs CODECATALYST_SPACE, CODECATALYST_PROJECT:/)
  for (const name of variables) expect(stderr).toContain(`export ${name}=<`)
})

it('with them: the read-only checks pass through the proxy to the endpoint', async () => {
  const { code, stdout } = await testLive({
    CODECATALYST_TOKEN: 'live-token',
    CODECATALYST_SPACE: where.spaceName,
    CODECATALYST_PROJECT: where.projectName,
    CODECATALYST_ENDPOINT: simulator.url,
  })
  expect(stdout).toMatch(/Tests +6 passed \(6\)/)
  expect(code).toBe(0)
  expect(simulator.requestCount('GetWorkflowRun')).toBeGreaterThan(0)
  expect(simulator.requestCount('StartWorkflowRun')).toBe(0)
}, 60_000)
