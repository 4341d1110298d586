// The simulator as a provider of the spec: every operation through Prism's validation proxy,
// driven through each of its states, errors and pages. Any answer that breaks the spec fails
// the test that caused it (see `call`). The clock is the test's: nothing here waits.
import {
  buildMain,
  buildRelease,
  deployMain,
  exampleRuns,
  where,
  workflows,
} from '@codecatalyst-runs/testing/fixtures'
import { sendOperation } from '@codecatalyst-runs/testing/operation-request'
import { operations } from '@codecatalyst-runs/testing/spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notFoundMessages, throttlingMessage } from './from-spec.ts'
import { manualClock } from './manual-clock.ts'
import {
  call,
  expectServiceError,
  ok,
  type ProviderTarget,
  pages,
  readOnlyChecks,
} from './provider-checks.ts'
import { type ProxiedSimulator, startProxiedSimulator } from './proxied.ts'

const stepMs = 1_000
const clock = manualClock()
let sim: ProxiedSimulator
let target: ProviderTarget

beforeAll(async () => {
  sim = await startProxiedSimulator({ stepMs, clock: clock.now })
  target = { url: sim.url, token: 'provider-token', where }
})
afterAll(async () => {
  await sim?.stop()
})

interface Run {
  id: string
  workflowId: string
  workflowName?: string
  status: string
  statusReasons?: unknown[]
  startTime: string
  endTime?: string
  lastUpdatedTime: string
}

const start = async (workflowId: string, clientToken?: string) =>
  ok<{ id: string }>(
    await call(target, 'StartWorkflowRun', {
      workflowId,
      ...(clientToken ? { clientToken } : {}),
    }),
  )
const getRun = async (id: string) => ok<Run>(await call(target, 'GetWorkflowRun', { id }))
const allRuns = async (input: Record<string, unknown> = {}) =>
  (await pages<Run>(target, 'ListWorkflowRuns', input)).flatMap((page) => page.items ?? [])

readOnlyChecks(() => target)

describe('ListWorkflows and GetWorkflow', () => {
  it("list the spec's three workflows, a page at a time", async () => {
    const onePerPage = await pages(target, 'ListWorkflows', { maxResults: 1 })
    expect(onePerPage.map((page) => page.items)).toEqual(workflows.map((workflow) => [workflow]))
    expect(ok(await call(target, 'ListWorkflows'))).toEqual({ items: workflows })
  })

  it.each(workflows.map((workflow) => [`${workflow.name}@${workflow.sourceBranchName}`, workflow]))(
    'GetWorkflow %s: the workflow with its space and project',
    async (_name, workflow) => {
      expect(ok(await call(target, 'GetWorkflow', { id: workflow.id }))).toEqual({
        ...where,
        ...workflow,
      })
    },
  )
})

describe("a run's life, step by step", () => {
  it.each([
    ['build', 'SUCCEEDED', buildMain],
    ['deploy', 'FAILED', deployMain],
  ])(
    '%s: VALIDATING → PROVISIONING → IN_PROGRESS → %s, its times consistent',
    async (_name, final, workflow) => {
      const started = ok<Record<string, unknown>>(
        await call(target, 'StartWorkflowRun', { workflowId: workflow.id }),
      )
      expect(started).toEqual({ ...where, id: expect.any(String), workflowId: workflow.id })
      const id = started.id as string
      const startMs = clock.now()
      const at = (steps: number) => new Date(startMs + steps * stepMs).toISOString()
      const states = [
        { status: 'VALIDATING', lastUpdatedTime: at(0) },
        { status: 'PROVISIONING', lastUpdatedTime: at(1) },
        { status: 'IN_PROGRESS', lastUpdatedTime: at(2) },
        {
          status: final,
          ...(final === 'FAILED' ? { statusReasons: [{}] } : {}),
          endTime: at(3),
          lastUpdatedTime: at(3),
        },
      ]
      for (const [step, state] of states.entries()) {
        // At the start of the step and just before its end: the same answer.
        for (const offset of [0, stepMs - 1]) {
          clock.advance(startMs + step * stepMs + offset - clock.now())
          const run = await getRun(id)
          expect(run).toEqual({ ...where, id, workflowId: workflow.id, startTime: at(0), ...state })
          // The newest run of its workflow: the list says the same of it.
          const listed = ok<{ items: Run[] }>(
            await call(target, 'ListWorkflowRuns', { workflowId: workflow.id, maxResults: 1 }),
          ).items
          const { spaceName: _space, projectName: _project, ...fields } = run as Run & typeof where
          expect(listed).toEqual([{ ...fields, workflowName: workflow.name }])
        }
      }
      clock.advance(100 * stepMs)
      expect(await getRun(id)).toMatchObject(states.at(-1) as object)
    },
  )

  it('a run started in another workflow meanwhile changes nothing of this one', async () => {
    const mine = await start(buildRelease.id)
    clock.advance(stepMs)
    await start(buildMain.id)
    expect((await getRun(mine.id)).status).toBe('PROVISIONING')
  })
})

describe('StartWorkflowRun and its clientToken', () => {
  it('the same token starts nothing new and answers with the same run', async () => {
    const first = await start(buildMain.id, 'deploy-2026-11-24.1')
    const count = (await allRuns({ workflowId: buildMain.id })).length
    const again = await start(buildMain.id, 'deploy-2026-11-24.1')
    expect(again).toEqual(first)
    expect(await allRuns({ workflowId: buildMain.id })).toHaveLength(count)
  })

  it('another token, or none, starts another run', async () => {
    const first = await start(buildMain.id, 'token-a')
    const second = await start(buildMain.id, 'token-b')
    const third = await start(buildMain.id)
    expect(new Set([first.id, second.id, third.id]).size).toBe(3)
  })

  it('the same token for another workflow is a ConflictException', async () => {
    await start(buildMain.id, 'one-workflow-only')
    expectServiceError(
      await call(target, 'StartWorkflowRun', {
        workflowId: deployMain.id,
        clientToken: 'one-workflow-only',
      }),
      409,
      'ConflictException',
    )
  })

  it('an unknown workflow is a ResourceNotFoundException, and nothing starts', async () => {
    const before = (await allRuns()).length
    const answer = await call(target, 'StartWorkflowRun', {
      workflowId: '00000000-0000-4000-8000-000000000001',
    })
    expectServiceError(answer, 404, 'ResourceNotFoundException')
    expect(answer.body).toEqual({ message: notFoundMessages.workflow })
    expect(await allRuns()).toHaveLength(before)
  })
})

describe('ListWorkflowRuns pages', () => {
  it('at least 60 runs in the project; a workflow with more than 50 needs two pages', async () => {
    expect((await allRuns()).length).toBeGreaterThanOrEqual(60)
    const twoPages = await pages<Run>(target, 'ListWorkflowRuns', {
      workflowId: buildMain.id,
      maxResults: 50,
    })
    expect(twoPages.map((page) => page.items?.length)).toEqual([50, expect.any(Number)])
    const runs = twoPages.flatMap((page) => page.items ?? [])
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length)
    expect(runs.every((run) => run.workflowId === buildMain.id)).toBe(true)
  })

  it("newest first, with the spec's succeeded and failed example runs among the past ones", async () => {
    const runs = await allRuns({ workflowId: buildMain.id })
    const starts = runs.map((run) => Date.parse(run.startTime))
    expect(starts).toEqual([...starts].sort((a, b) => b - a))
    for (const example of [exampleRuns.succeeded, exampleRuns.failed]) {
      const run = await getRun(example.id)
      expect(run).toMatchObject({ workflowId: example.workflowId, status: example.status })
      expect(runs.map((listed) => listed.id)).toContain(example.id)
    }
  })

  it('no run skipped or repeated across pages while runs start between them', async () => {
    const before = await allRuns({ workflowId: buildMain.id })
    const first = ok<{ items: Run[]; nextToken: string }>(
      await call(target, 'ListWorkflowRuns', { workflowId: buildMain.id, maxResults: 10 }),
    )
    const started = [await start(buildMain.id), await start(buildMain.id)]
    const rest = await pages<Run>(target, 'ListWorkflowRuns', {
      workflowId: buildMain.id,
      maxResults: 10,
      nextToken: first.nextToken,
    })
    const paged = [...first.items, ...rest.flatMap((page) => page.items ?? [])]
    expect(paged.map((run) => run.id)).toEqual(before.map((run) => run.id))
    // A new listing starts with the runs started meanwhile, newest first.
    const after = await allRuns({ workflowId: buildMain.id })
    expect(after.slice(0, 2).map((run) => run.id)).toEqual(started.map((run) => run.id).reverse())
  })

  it('without a workflowId: the runs of every workflow', async () => {
    const runs = await allRuns({ maxResults: 50 })
    expect(new Set(runs.map((run) => run.workflowName))).toEqual(new Set(['build', 'deploy']))
    expect(new Set(runs.map((run) => run.workflowId))).toEqual(
      new Set(workflows.map((workflow) => workflow.id)),
    )
  })

  it('a token is opaque and belongs to its list: another list refuses it', async () => {
    const { nextToken } = ok<{ nextToken: string }>(
      await call(target, 'ListWorkflowRuns', { workflowId: buildMain.id, maxResults: 1 }),
    )
    // Opaque: neither the workflow's name nor the start of its id shows through, and it does
    // not end in two digits.
    expect(nextToken).not.toContain(buildMain.name)
    expect(nextToken).not.toContain(buildMain.id.slice(0, 8))
    expect(nextToken).not.toMatch(/\d{2}$/)
    for (const input of [
      { workflowId: deployMain.id, nextToken },
      { nextToken },
      { workflowId: buildMain.id, nextToken: 'bm90LWEtdG9rZW4' },
    ]) {
      expectServiceError(await call(target, 'ListWorkflowRuns', input), 400, 'ValidationException')
    }
  })

  it('an unknown workflow is a ResourceNotFoundException', async () => {
    expectServiceError(
      await call(target, 'ListWorkflowRuns', {
        workflowId: '00000000-0000-4000-8000-000000000002',
      }),
      404,
      'ResourceNotFoundException',
    )
  })
})

describe('errors', () => {
  it.each(operations.map((operation) => operation.id))(
    '%s in an unknown project or space: ResourceNotFoundException',
    async (id) => {
      const input = { id: buildMain.id, workflowId: buildMain.id }
      for (const elsewhere of [
        { projectName: 'no-such-project' },
        { spaceName: 'no-such-space' },
      ]) {
        expectServiceError(
          await call(target, id, { ...input, ...elsewhere }),
          404,
          'ResourceNotFoundException',
        )
      }
    },
  )

  it("the spec's message for an unknown run", async () => {
    const answer = await call(target, 'GetWorkflowRun', {
      id: '00000000-0000-4000-8000-000000000003',
    })
    expectServiceError(answer, 404, 'ResourceNotFoundException')
    expect(answer.body).toEqual({ message: notFoundMessages.run })
  })

  it('a request that breaks the spec reaches the simulator, which answers it 400 ValidationException', async () => {
    const before = sim.simulator.requestCount('ListWorkflowRuns')
    const answer = await call(target, 'ListWorkflowRuns', { maxResults: 51 })
    expectServiceError(answer, 400, 'ValidationException')
    expect(sim.simulator.requestCount('ListWorkflowRuns')).toBe(before + 1)
  })

  it('a missing or malformed bearer token: 403 AccessDeniedException from the simulator', async () => {
    for (const authorization of [null, 'Token abc', 'Bearer']) {
      const answer = await sendOperation(
        sim.url,
        'GetWorkflowRun',
        { ...where, id: exampleRuns.succeeded.id },
        { authorization },
      )
      expectServiceError(answer, 403, 'AccessDeniedException')
    }
  })
})

describe('--rate-limit and --retry-after', () => {
  const limitedClock = manualClock()
  let limited: ProxiedSimulator
  beforeAll(async () => {
    limited = await startProxiedSimulator({
      rateLimit: 3,
      retryAfterSeconds: 1,
      clock: limitedClock.now,
    })
  })
  afterAll(async () => {
    await limited?.stop()
  })

  it('more than N requests a second with one token: 429 ThrottlingException with Retry-After', async () => {
    const as = (token: string) => call({ url: limited.url, token, where }, 'ListWorkflows')
    for (let request = 0; request < 3; request++) ok(await as('token-a'))
    const throttled = await as('token-a')
    expectServiceError(throttled, 429, 'ThrottlingException')
    expect(throttled.body).toEqual({ message: throttlingMessage })
    expect(throttled.headers.get('retry-after')).toBe('1')
    // Another token has an allowance of its own; a second later the first has one again.
    ok(await as('token-b'))
    limitedClock.advance(1_000)
    ok(await as('token-a'))
  })
})
