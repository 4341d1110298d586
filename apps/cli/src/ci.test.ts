// The CLI for CI, as a process against the CodeCatalyst simulator behind Prism's validation
// proxy: `watch` of several runs and `--active` through the client's shared polls, worst outcome
// as the exit code; GitHub Actions' job summary, outputs and annotations; and the composite
// action `actions/start-workflow-run`, its steps run as the runner runs them. The simulator's
// clock is the test's: it moves one step once every run watched has printed its current status.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { useProxiedSimulator } from '@codecatalyst-runs/simulator/vitest'
import { buildMain, buildRelease, deployMain, where } from '@codecatalyst-runs/testing/fixtures'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { cliPath, runCli, token } from './test-support/run-cli.ts'

const simulator = useProxiedSimulator(1_000)
const { clock, stepMs } = simulator
let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-ci-'))
})
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

const project = ['--space', where.spaceName, '--project', where.projectName]
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const lines = (text: string) => text.trimEnd().split('\n')

/** `[+2s] <id> <STATUS>` (several runs) or `[+2s] <STATUS>` (one): [id or '', status]. */
function statusLines(text: string): Array<[string, string]> {
  return lines(text)
    .filter((line) => line.startsWith('[+'))
    .map((line) => {
      const words = (line.split('] ')[1] ?? '').split(' ')
      return words.length === 2 ? [words[0] as string, words[1] as string] : ['', words[0] ?? '']
    })
}

/**
 * Moves the simulator's clock one step each time every one of `runs` runs has printed one more
 * status line: runs started at the same instant then show every status.
 */
function driveClock(child: ChildProcess, runs: number) {
  let printed = ''
  let steps = 0
  child.stdout?.on('data', (chunk) => {
    printed += chunk
    const counts = new Map<string, number>()
    for (const [id] of statusLines(printed)) counts.set(id, (counts.get(id) ?? 0) + 1)
    const all = counts.size >= runs ? Math.min(...counts.values()) : 0
    while (steps < all) {
      steps++
      clock.advance(stepMs)
    }
  })
}

function cli(args: string[], options: { runs?: number; env?: Record<string, string> } = {}) {
  return runCli([...args, '--endpoint', simulator.sim.url], {
    env: options.env,
    onSpawn: (child) => driveClock(child, options.runs ?? 1),
  })
}

async function start(workflowId: string): Promise<string> {
  const { code, stdout } = await cli(['start', ...project, '--workflow', workflowId])
  expect(code).toBe(0)
  return stdout.trim()
}

/** Temp files for GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and the environment naming them. */
async function githubFiles(name: string) {
  const output = join(work, `${name}.output`)
  const summary = join(work, `${name}.summary.md`)
  await writeFile(output, '')
  await writeFile(summary, '')
  return {
    env: { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
    outputs: async () => parseOutputs(await readFile(output, 'utf8')),
    summary: () => readFile(summary, 'utf8'),
  }
}

/** `$GITHUB_OUTPUT` as the runner reads it: `name=value` and `name<<delimiter` … `delimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const all = text.split('\n')
  for (let i = 0; i < all.length; i++) {
    const line = all[i] as string
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const end = all.indexOf(heredoc[2] as string, i + 1)
      expect(end).toBeGreaterThan(i)
      outputs[heredoc[1] as string] = all.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

/** The rows of the summary's Markdown table, cells trimmed. */
const tableRows = (markdown: string) =>
  lines(markdown)
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split(' | ')
        .map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim())
        .map((cell) => cell.replaceAll('`', '')),
    )

describe('watch of several runs', () => {
  it('ids as arguments and --id together: every status of each, one line per change, the worst outcome (exit 1), shared polls', async () => {
    const [a, b, c] = [
      await start(buildMain.id),
      await start(buildMain.id),
      await start(deployMain.id),
    ]
    const github = await githubFiles('three')
    const gets = simulator.sim.simulator.requestCount('GetWorkflowRun')
    const { code, stdout, stderr } = await cli(
      ['watch', ...project, a as string, b as string, '--id', c as string, '--interval', '10ms'],
      { runs: 3, env: { ...github.env, GITHUB_ACTIONS: 'false' } },
    )
    expect(code).toBe(1)
    expect(stderr).toBe('')
    const byRun = (id: string) =>
      statusLines(stdout)
        .filter(([run]) => run === id)
        .map(([, status]) => status)
    for (const id of [a, b] as string[])
      expect(byRun(id)).toEqual(['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', 'SUCCEEDED'])
    expect(byRun(c as string)).toEqual(['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', 'FAILED'])
    // The final table, in the order given.
    const table = lines(stdout.slice(stdout.indexOf('\nSTATUS') + 1))
    expect(table.slice(1).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['SUCCEEDED', a],
      ['SUCCEEDED', b],
      ['FAILED', c],
    ])
    // Three runs of one project: ListWorkflowRuns pages answered for all of them.
    expect(simulator.sim.simulator.requestCount('GetWorkflowRun') - gets).toBe(0)
    // GITHUB_ACTIONS other than "true": nothing written.
    expect(await github.summary()).toBe('')
    expect(await github.outputs()).toEqual({})
  })

  it('--workflow --active: every run of the workflow not yet ended, then exit 0', async () => {
    const ids = [await start(buildRelease.id), await start(buildRelease.id)]
    const { code, stdout } = await cli(
      [
        'watch',
        ...project,
        '--workflow',
        'build',
        '--branch',
        'release',
        '--active',
        '--interval',
        '10ms',
      ],
      { runs: 2 },
    )
    expect(code).toBe(0)
    expect(new Set(statusLines(stdout).map(([id]) => id))).toEqual(new Set(ids))
    expect(statusLines(stdout).filter(([, status]) => status === 'SUCCEEDED')).toHaveLength(2)
  })

  it('--active with no run going: says so on stderr, exit 0', async () => {
    const { code, stdout, stderr } = await cli([
      'watch',
      ...project,
      '--workflow',
      'build',
      '--branch',
      'release',
      '--active',
    ])
    expect(code).toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toBe('No run of build (release) is active.\n')
  })

  it('a run that is not there ends the watch with exit 3', async () => {
    const a = await start(buildMain.id)
    const missing = '0c2a4f0e-7a4e-4b9f-9a57-000000000000'
    const { code, stderr } = await cli(['watch', ...project, a, missing, '--interval', '10ms'], {
      runs: 2,
    })
    expect(code).toBe(3)
    expect(stderr).toContain('ResourceNotFoundException')
  })

  it.each([
    [['--latest', '--workflow', 'build', 'x'], /either --id or --latest/],
    [['--active', '--latest', '--workflow', 'build'], /either --latest or --active/],
    [['--active'], /Missing option --workflow/],
    [['--branch', 'main', 'x'], /only apply to watch with --latest or --active/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const { code, stderr } = await runCli(['watch', ...project, ...args])
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
  })

  it('get takes one --id', async () => {
    const { code, stderr } = await runCli(['get', ...project, '--id', 'a', '--id', 'b'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/get takes one --id/)
  })
})

describe('GitHub Actions (GITHUB_ACTIONS=true)', () => {
  it('watch: a summary row per run, run-id and status one per line, an ::error:: for the failed run', async () => {
    const [a, c] = [await start(buildMain.id), await start(deployMain.id)]
    const github = await githubFiles('watch')
    const { code, stderr } = await cli(
      ['watch', ...project, a as string, c as string, '--interval', '10ms'],
      { runs: 2, env: github.env },
    )
    expect(code).toBe(1)
    expect(await github.outputs()).toEqual({
      'run-id': `${a}\n${c}`,
      status: 'SUCCEEDED\nFAILED',
    })
    const summary = await github.summary()
    expect(summary).toContain(
      `### CodeCatalyst workflow runs in ${where.spaceName}/${where.projectName}`,
    )
    expect(summary).toContain('| Run | Workflow | Branch | Status | Duration |')
    expect(tableRows(summary)).toEqual([
      [a, 'build', 'main', '✅ SUCCEEDED', '3s'],
      [c, 'deploy', 'main', '❌ FAILED', '3s'],
    ])
    expect(stderr).toBe(
      `::error title=CodeCatalyst run FAILED::Run ${c} of deploy (main) in ${where.spaceName}/${where.projectName} ended FAILED after 3s.\n`,
    )
  })

  it('an error is annotated too, and the runs seen so far are reported', async () => {
    const github = await githubFiles('timeout')
    const a = await start(buildMain.id)
    // The clock never moves: the run stays VALIDATING until the timeout.
    const { code, stderr } = await runCli(
      [
        'watch',
        ...project,
        '--id',
        a,
        '--interval',
        '10ms',
        '--timeout',
        '200ms',
        '--endpoint',
        simulator.sim.url,
      ],
      { env: github.env },
    )
    expect(code).toBe(4)
    expect(stderr).toMatch(
      /^Gave up after 0\.2s: the run is still VALIDATING\.\n::error title=codecatalyst-runs::Gave up after/,
    )
    expect(await github.outputs()).toEqual({ 'run-id': a, status: 'VALIDATING' })
    expect(tableRows(await github.summary())).toEqual([
      [a, 'build', 'main', '⏳ VALIDATING', expect.stringMatching(/so far$/)],
    ])
  })
})

/** The composite action's steps, run as the runner runs them. */
const actionFile = fileURLToPath(
  new URL('../../../actions/start-workflow-run/action.yml', import.meta.url),
)
interface ActionStep {
  id?: string
  shell?: string
  run?: string
  env?: Record<string, string>
}
interface Action {
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, { value: string }>
  runs: { using: string; steps: ActionStep[] }
}

/**
 * Runs the action's steps with `inputs` as the runner would: each input as `INPUT_<NAME>` (or its
 * default), `${{ inputs.x }}` substituted from them, each `run:` in `bash --noprofile --norc -eo
 * pipefail` with GITHUB_ACTIONS=true and its `env:`, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY temp
 * files; then the action's outputs from its steps' outputs.
 */
async function runAction(given: Record<string, string>, name: string, runs: number) {
  const action = parse(await readFile(actionFile, 'utf8')) as Action
  expect(action.runs.using).toBe('composite')
  const inputEnv: Record<string, string> = {}
  for (const [input, spec] of Object.entries(action.inputs)) {
    const value = given[input] ?? spec.default ?? ''
    if (spec.required) expect(value, `input ${input} is required`).not.toBe('')
    inputEnv[`INPUT_${input.toUpperCase()}`] = value
  }
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input: string) => {
      const value = inputEnv[`INPUT_${input.toUpperCase()}`]
      if (value === undefined) throw new Error(`action.yml uses an unknown input ${input}`)
      return value
    })
  const stepOutputs: Record<string, Record<string, string>> = {}
  const summaries: string[] = []
  let code: number | null = 0
  let stdout = ''
  let stderr = ''
  for (const [index, step] of action.runs.steps.entries()) {
    if (step.run === undefined) continue
    expect(step.shell).toBe('bash')
    const github = await githubFiles(`${name}-${index}`)
    // What the runner sets for every step, then the step's own env.
    const env = {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      ...inputEnv,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))])),
      GITHUB_OUTPUT: github.env.GITHUB_OUTPUT,
      GITHUB_STEP_SUMMARY: github.env.GITHUB_STEP_SUMMARY,
    }
    const script = join(work, `${name}-${index}.sh`)
    await writeFile(script, expand(step.run))
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    driveClock(child, runs)
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    code = await new Promise<number | null>((resolve) => child.once('close', resolve))
    clearTimeout(killer)
    if (step.id) stepOutputs[step.id] = await github.outputs()
    summaries.push(await github.summary())
    if (code !== 0) break
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([output, spec]) => [
      output,
      spec.value.replace(
        /\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/,
        (_, step: string, key: string) => stepOutputs[step]?.[key] ?? '',
      ),
    ]),
  )
  return { code, stdout, stderr, outputs, summary: summaries.join(''), action }
}

describe('the composite action actions/start-workflow-run', () => {
  const inputs = () => ({
    space: where.spaceName,
    project: where.projectName,
    token,
    endpoint: simulator.sim.url,
    interval: '10ms',
    'cli-command': `${process.execPath} ${cliPath}`,
  })

  it('build on main: starts it, waits, exit 0; outputs run-id and status; the summary', async () => {
    const result = await runAction(
      { ...inputs(), workflow: 'build', branch: 'main' },
      'action-build',
      1,
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('SUCCEEDED')
    expect(result.outputs['run-id']).toMatch(uuid)
    expect(lines(result.stdout)[0]).toBe(result.outputs['run-id'])
    expect(statusLines(result.stdout).map(([, status]) => status)).toEqual([
      'VALIDATING',
      'PROVISIONING',
      'IN_PROGRESS',
      'SUCCEEDED',
    ])
    expect(tableRows(result.summary)).toEqual([
      [result.outputs['run-id'], 'build', 'main', '✅ SUCCEEDED', '3s'],
    ])
  })

  it('deploy: the run fails, the step fails with exit 1 and an ::error:: annotation', async () => {
    const result = await runAction({ ...inputs(), workflow: 'deploy' }, 'action-deploy', 1)
    expect(result.code).toBe(1)
    expect(result.outputs.status).toBe('FAILED')
    expect(result.stderr).toContain(
      `::error title=CodeCatalyst run FAILED::Run ${result.outputs['run-id']} of deploy (main)`,
    )
    expect(tableRows(result.summary)[0]?.slice(1, 4)).toEqual(['deploy', 'main', '❌ FAILED'])
  })

  it('a timeout: exit 4, the run as last seen in the outputs', async () => {
    const result = await runAction(
      { ...inputs(), workflow: 'build', branch: 'main', timeout: '200ms' },
      'action-timeout',
      // Never moves the clock: no run prints as many lines as this.
      1_000,
    )
    expect(result.code).toBe(4)
    expect(result.outputs.status).toBe('VALIDATING')
  })

  it('the token reaches the CLI as CODECATALYST_TOKEN only; no input is spliced into a script', async () => {
    const action = parse(await readFile(actionFile, 'utf8')) as Action
    for (const step of action.runs.steps) {
      expect(step.run ?? '').not.toMatch(/\$\{\{/)
      const tokenEnv = Object.entries(step.env ?? {}).filter(([, value]) =>
        String(value).includes('inputs.token'),
      )
      expect(tokenEnv).toEqual([
        ['CODECATALYST_TOKEN', expect.stringMatching(/^\$\{\{ inputs\.token \}\}$/)],
      ])
    }
  })

  it("installs the published CLI at the CLI package's own version", async () => {
    const action = parse(await readFile(actionFile, 'utf8')) as Action
    const manifest = JSON.parse(
      await readFile(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
    )
    expect(action.inputs['cli-command']?.default).toBe(
      `npx -y @codecatalyst-runs/cli@${manifest.version}`,
    )
  })
})
