// The CLI as a process against the CodeCatalyst simulator, through Prism's validation proxy:
// runs started and watched to their end, and lists read page after page. The simulator's clock
// is the test's: it moves one step each time the CLI prints a status, so every status shows.
import type { ChildProcess } from 'node:child_process'
import { useProxiedSimulator } from '@codecatalyst-runs/simulator/vitest'
import { buildMain, deployMain, exampleRuns, where } from '@codecatalyst-runs/testing/fixtures'
import { describe, expect, it } from 'vitest'
import { runCli } from './test-support/run-cli.ts'

const simulator = useProxiedSimulator(1_000)
const { clock, stepMs } = simulator

const project = ['--space', where.spaceName, '--project', where.projectName]
const lines = (text: string) => text.trimEnd().split('\n')
const statusLines = (text: string) =>
  lines(text)
    .filter((line) => line.startsWith('[+'))
    .map((line) => line.split('] ')[1])

/** The CLI against the proxy; each status line it prints moves the simulator one step on. */
function cli(...args: string[]) {
  return runCli([...args, '--endpoint', simulator.sim.url], {
    onSpawn: (child: ChildProcess) => {
      let printed = ''
      let seen = 0
      child.stdout?.on('data', (chunk) => {
        printed += chunk
        for (const _line of statusLines(printed).slice(seen)) {
          seen++
          clock.advance(stepMs)
        }
      })
    },
  })
}

describe('start --wait and watch follow a run to its end', () => {
  it('start build --wait: every status, then SUCCEEDED and exit 0', async () => {
    const { code, stdout, stderr } = await cli(
      'start',
      ...project,
      '--workflow',
      'build',
      '--branch',
      'main',
      '--wait',
      '--interval',
      '10ms',
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const [id] = lines(stdout)
    expect(statusLines(stdout)).toEqual(['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', 'SUCCEEDED'])
    expect(stdout).toContain(`SUCCEEDED  run ${id}`)
    expect(stdout).toMatch(/duration +3s/)
  })

  it('watch --id of a build run: SUCCEEDED, exit 0', async () => {
    const started = await cli('start', ...project, '--workflow', buildMain.id)
    const id = started.stdout.trim()
    const { code, stdout } = await cli('watch', ...project, '--id', id, '--interval', '10ms')
    expect(code).toBe(0)
    expect(statusLines(stdout)).toEqual(['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', 'SUCCEEDED'])
  })

  it('watch --latest of deploy: the run just started, to FAILED with its reason, exit 1', async () => {
    const started = await cli('start', ...project, '--workflow', 'deploy')
    const { code, stdout } = await cli(
      'watch',
      ...project,
      '--latest',
      '--workflow',
      'deploy',
      '--interval',
      '10ms',
    )
    expect(code).toBe(1)
    expect(statusLines(stdout)).toEqual(['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', 'FAILED'])
    expect(stdout).toContain(`FAILED  run ${started.stdout.trim()}`)
    expect(stdout).toContain('status reasons\n    - {}')
  })
})

describe('lists', () => {
  it('list reads every page of a workflow with more than 50 runs, each run once', async () => {
    const before = simulator.sim.simulator.requestCount('ListWorkflowRuns')
    const { code, stdout } = await cli(
      'list',
      ...project,
      '--workflow',
      'build',
      '--branch',
      'main',
      '--limit',
      '1000',
      '--json',
    )
    expect(code).toBe(0)
    const runs = lines(stdout).map((line) => JSON.parse(line))
    expect(runs.length).toBeGreaterThan(50)
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length)
    expect(runs.every((run) => run.workflowId === buildMain.id)).toBe(true)
    expect(runs.map((run) => run.id)).toContain(exampleRuns.succeeded.id)
    expect(simulator.sim.simulator.requestCount('ListWorkflowRuns') - before).toBe(2)
  })

  it('start with the same --client-token twice: the same run, and one run more in the list', async () => {
    const newest = async () =>
      lines(
        (await cli('list', ...project, '--workflow', deployMain.id, '--limit', '2', '--json'))
          .stdout,
      ).map((line) => JSON.parse(line).id)
    const [before] = await newest()
    const first = await cli('start', ...project, '--workflow', 'deploy', '--client-token', 'ci-42')
    const again = await cli('start', ...project, '--workflow', 'deploy', '--client-token', 'ci-42')
    expect(again.stdout).toBe(first.stdout)
    expect(await newest()).toEqual([first.stdout.trim(), before])
  })
})
