// The lifecycle commands (workflows, list, start, watch --latest) as a process: against the
// Prism mock of the spec for their output, against a scripted server for what they ask.

import {
  buildMain,
  buildRelease,
  deployMain,
  exampleRuns,
  where as project,
} from '@codecatalyst-runs/testing/fixtures'
import type { LocalServer } from '@codecatalyst-runs/testing/local-server'
import { prismUrl } from '@codecatalyst-runs/testing/prism-url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  calls,
  runSummary,
  startedRunId,
  startFakeCodeCatalyst,
} from './test-support/fake-codecatalyst.ts'
import { runCli } from './test-support/run-cli.ts'

const where = ['--space', project.spaceName, '--project', project.projectName]

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const lines = (text: string) => text.trimEnd().split('\n')

describe('workflows', () => {
  it('prints name, branch, id and status, one workflow per row', async () => {
    const { code, stdout, stderr } = await runCli(['workflows', ...where, '--endpoint', prismUrl])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(lines(stdout)).toEqual([
      'NAME    BRANCH   ID                                    STATUS',
      `build   main     ${buildMain.id}  ACTIVE`,
      `build   release  ${buildRelease.id}  ACTIVE`,
      `deploy  main     ${deployMain.id}  INVALID`,
    ])
  })

  it('--json prints one object per line, timestamps in ISO 8601', async () => {
    const { code, stdout } = await runCli(['workflows', ...where, '--json', '--endpoint', prismUrl])
    expect(code).toBe(0)
    const objects = lines(stdout).map((line) => JSON.parse(line))
    expect(objects.map((workflow) => workflow.name)).toEqual(['build', 'build', 'deploy'])
    expect(objects[0].createdTime).toBe(new Date(buildMain.createdTime).toISOString())
  })

  it('takes the space and project from CODECATALYST_SPACE and CODECATALYST_PROJECT', async () => {
    const { code, stdout } = await runCli(['workflows'], {
      env: {
        CODECATALYST_SPACE: project.spaceName,
        CODECATALYST_PROJECT: project.projectName,
        CODECATALYST_ENDPOINT: prismUrl,
      },
    })
    expect(code).toBe(0)
    expect(stdout).toContain('deploy')
  })
})

describe('list', () => {
  it('prints the runs of a workflow on a branch, at most --limit of them', async () => {
    const { code, stdout, stderr } = await runCli(
      ['list', ...where, '--workflow', 'build', '--branch', 'main', '--limit', '2'],
      { env: { CODECATALYST_ENDPOINT: prismUrl } },
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const [header, ...rows] = lines(stdout)
    expect(header).toMatch(/^STATUS +RUN +STARTED +DURATION$/)
    expect(rows).toHaveLength(2)
    // The second run of ListWorkflowRuns' first example page is GetWorkflowRun's succeeded run.
    expect(rows[1]).toMatch(
      new RegExp(`^SUCCEEDED +${exampleRuns.succeeded.id} +2026-11-02 09:15:04 UTC +6m 43s$`),
    )
  })

  it('reads the pages in the service order, and stops asking at --limit', async () => {
    server = await startFakeCodeCatalyst({
      runPages: {
        '': { items: [runSummary(3), runSummary(1)], nextToken: 'p2' },
        p2: { items: [runSummary(2), runSummary(4)], nextToken: 'p3' },
        p3: { items: [runSummary(5)] },
      },
    })
    const all = await runCli([
      'list',
      ...where,
      '--workflow',
      'deploy',
      '--json',
      '--endpoint',
      server.url,
    ])
    expect(all.code).toBe(0)
    expect(lines(all.stdout).map((line) => JSON.parse(line).id.slice(-2))).toEqual([
      '03',
      '01',
      '02',
      '04',
      '05',
    ])
    expect(calls(server)).toEqual([
      'POST /workflows',
      // --limit (20 by default) asks for no more runs than are still wanted.
      `POST /workflowRuns?workflowId=${deployMain.id}&maxResults=20`,
      `POST /workflowRuns?workflowId=${deployMain.id}&nextToken=p2&maxResults=18`,
      `POST /workflowRuns?workflowId=${deployMain.id}&nextToken=p3&maxResults=16`,
    ])
    server.requests.length = 0
    const three = await runCli([
      'list',
      ...where,
      '--workflow',
      'deploy',
      '--limit',
      '3',
      '--endpoint',
      server.url,
    ])
    expect(lines(three.stdout)).toHaveLength(4) // header and three rows
    expect(calls(server)).toHaveLength(3) // ListWorkflows and two pages, not the third
  })

  it('says so when a workflow has no runs', async () => {
    server = await startFakeCodeCatalyst({ runPages: { '': { items: [] } } })
    const { code, stdout } = await runCli([
      'list',
      ...where,
      '--workflow',
      'deploy',
      '--endpoint',
      server.url,
    ])
    expect(code).toBe(0)
    expect(stdout).toBe('No runs of deploy (main).\n')
  })
})

describe('naming a workflow', () => {
  it.each([
    [
      ['--workflow', 'build'],
      /Workflow "build" is on several branches: main, release\. Choose one with --branch\./,
    ],
    [
      ['--workflow', 'Build'],
      `No workflow "Build" in ${project.spaceName}/${project.projectName}. Its workflows: build, deploy.`,
    ],
    [
      ['--workflow', 'deploy', '--branch', 'release'],
      /Workflow "deploy" is not on branch "release"; it is on: main\./,
    ],
  ])('%j: exit 2, saying what exists, and nothing is started', async (flags, message) => {
    server = await startFakeCodeCatalyst()
    for (const command of ['list', 'start']) {
      server.requests.length = 0
      const { code, stdout, stderr } = await runCli([
        command,
        ...where,
        ...flags,
        '--endpoint',
        server.url,
      ])
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toMatch(message)
      expect(calls(server)).toEqual(['POST /workflows'])
    }
  })

  it('an id works as well as a name', async () => {
    server = await startFakeCodeCatalyst()
    const { code, stdout } = await runCli([
      'start',
      ...where,
      '--workflow',
      buildRelease.id,
      '--endpoint',
      server.url,
    ])
    expect(code).toBe(0)
    expect(stdout).toBe(`${startedRunId}\n`)
    expect(calls(server)).toEqual([
      'POST /workflows',
      `PUT /workflowRuns?workflowId=${buildRelease.id}`,
    ])
  })
})

describe('start', () => {
  it('prints the id of the new run; --json prints the answer', async () => {
    const plain = await runCli(['start', ...where, '--workflow', 'deploy', '--endpoint', prismUrl])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toBe(`${startedRunId}\n`)
    const json = await runCli([
      'start',
      ...where,
      '--workflow',
      'deploy',
      '--json',
      '--endpoint',
      prismUrl,
    ])
    expect(JSON.parse(json.stdout)).toMatchObject({ id: startedRunId, ...project })
  })

  it('sends --client-token as the idempotency token; a bad one is refused before the start', async () => {
    server = await startFakeCodeCatalyst()
    const ok = await runCli([
      'start',
      ...where,
      '--workflow',
      'deploy',
      '--client-token',
      'release-2026.11',
      '--endpoint',
      server.url,
    ])
    expect(ok.code).toBe(0)
    expect(JSON.parse(server.requests.at(-1)?.body ?? '{}')).toEqual({
      clientToken: 'release-2026.11',
    })
    server.requests.length = 0
    const bad = await runCli([
      'start',
      ...where,
      '--workflow',
      'deploy',
      '--client-token',
      'not ok',
      '--endpoint',
      server.url,
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/clientToken must match/)
    expect(calls(server)).toEqual(['POST /workflows'])
  })

  it('--interval without --wait is a usage error', async () => {
    const { code, stderr } = await runCli([
      'start',
      ...where,
      '--workflow',
      'deploy',
      '--interval',
      '1s',
    ])
    expect(code).toBe(2)
    expect(stderr).toContain('--interval and --timeout only apply to start with --wait')
  })
})

describe('watch --latest', () => {
  it('watches the run that started last, reading every page, whatever their order', async () => {
    server = await startFakeCodeCatalyst({
      runPages: {
        '': { items: [runSummary(3), runSummary(9)], nextToken: 'p2' },
        p2: { items: [runSummary(12), runSummary(1)] },
      },
      statuses: ['IN_PROGRESS', 'SUCCEEDED'],
    })
    const { code, stdout } = await runCli([
      'watch',
      ...where,
      '--latest',
      '--workflow',
      'deploy',
      '--interval',
      '10ms',
      '--endpoint',
      server.url,
    ])
    expect(code).toBe(0)
    const newest = runSummary(12).id
    expect(stdout).toContain(`SUCCEEDED  run ${newest}`)
    expect(calls(server).slice(0, 4)).toEqual([
      'POST /workflows',
      `POST /workflowRuns?workflowId=${deployMain.id}`,
      `POST /workflowRuns?workflowId=${deployMain.id}&nextToken=p2`,
      `GET /workflowRuns/${newest}`,
    ])
  })

  it('exit 2 when the workflow has no runs yet', async () => {
    server = await startFakeCodeCatalyst()
    const { code, stderr } = await runCli([
      'watch',
      ...where,
      '--latest',
      '--workflow',
      'deploy',
      '--endpoint',
      server.url,
    ])
    expect(code).toBe(2)
    expect(stderr).toContain('Workflow "deploy" (main) has no runs yet.')
  })
})

describe('usage errors send nothing', () => {
  it.each([
    [
      ['watch', ...where, '--latest', '--id', startedRunId, '--workflow', 'deploy'],
      /either --id or --latest/,
    ],
    [
      ['watch', ...where, '--workflow', 'deploy'],
      /--workflow and --branch only apply to watch with --latest/,
    ],
    [['watch', ...where, '--latest'], /Missing option --workflow/],
    [['get', ...where, '--id', startedRunId, '--limit', '5'], /--limit does not apply to get/],
    [
      ['list', ...where, '--workflow', 'deploy', '--limit', '0'],
      /--limit takes a whole number of at least 1/,
    ],
    [['list', ...where], /Missing option --workflow/],
    [['workflows', '--space', project.spaceName], /Missing option --project/],
    [['workflows', ...where, '--wait'], /--wait does not apply to workflows/],
  ])('%j', async (args, message) => {
    server = await startFakeCodeCatalyst()
    const { code, stderr } = await runCli([...args, '--endpoint', server.url])
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expect(server.requests).toHaveLength(0)
  })
})

it('--help documents the lifecycle commands and their options', async () => {
  const { code, stdout } = await runCli(['--help'])
  expect(code).toBe(0)
  for (const text of [
    'workflows ',
    'list ',
    'start ',
    '--latest',
    '--limit',
    '--client-token',
    '--wait',
    '--branch',
    'CODECATALYST_SPACE',
    'CODECATALYST_PROJECT',
  ]) {
    expect(stdout).toContain(text)
  }
})
