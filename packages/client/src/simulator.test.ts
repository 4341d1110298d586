// The client against the CodeCatalyst simulator, through Prism's validation proxy: a run
// followed from its start to its end, every page of a list, and a start whose answer is lost.
// The simulator's clock moves one step each time the client reads the run: nothing waits.
import { useProxiedSimulator } from '@codecatalyst-runs/simulator/vitest'
import { buildMain, deployMain, where, workflows } from '@codecatalyst-runs/testing/fixtures'
import { failOnSpecViolations } from '@codecatalyst-runs/testing/spec-violations'
import { describe, expect, it } from 'vitest'
import { createCodeCatalystClient, type WorkflowRun } from './index.js'

const simulator = useProxiedSimulator(1_000)
const { clock, stepMs } = simulator

// Every answer through the proxy must conform to the spec.
const checked = failOnSpecViolations('answers that broke the spec')

interface Sent {
  readonly method: string
  readonly url: string
  readonly body: string
}

/** A client of the proxied simulator (or of `baseUrl`) that records what it sends. */
function clientOf(
  baseUrl = simulator.sim.url,
  { advancePerRead = false, advancePerList = false } = {},
) {
  const sent: Sent[] = []
  const client = createCodeCatalystClient({
    token: 'client-token',
    baseUrl,
    fetch: checked(async (input, init) => {
      const request = new Request(input, init)
      sent.push({ method: request.method, url: request.url, body: await request.clone().text() })
      const response = await fetch(request)
      if (advancePerRead && request.method === 'GET') clock.advance(stepMs)
      if (advancePerList && request.method === 'POST') clock.advance(stepMs)
      return response
    }),
  })
  return { client, sent }
}

describe('waitForWorkflowRun', () => {
  it.each([
    [buildMain, 'SUCCEEDED'],
    [deployMain, 'FAILED'],
  ])(
    'follows a run of $name from its start to $1, every status on the way',
    async (workflow, final) => {
      const { client } = clientOf(simulator.sim.url, { advancePerRead: true })
      const started = await client.startWorkflowRun({ ...where, workflowId: workflow.id })
      const startTime = new Date(clock.now())
      const updates: WorkflowRun[] = []
      const run = await client.waitForWorkflowRun(
        { ...where, id: started.id },
        { pollIntervalMs: 1, onUpdate: (update) => updates.push(update) },
      )
      expect(updates.map((update) => update.status)).toEqual([
        'VALIDATING',
        'PROVISIONING',
        'IN_PROGRESS',
        final,
      ])
      const ended = new Date(startTime.getTime() + 3 * stepMs)
      expect(run).toEqual({
        ...where,
        id: started.id,
        workflowId: workflow.id,
        status: final,
        ...(final === 'FAILED' ? { statusReasons: [{}] } : {}),
        startTime,
        endTime: ended,
        lastUpdatedTime: ended,
      })
    },
  )
})

describe('coalesced waits', () => {
  it('three runs followed by one ListWorkflowRuns call a poll, each ending as GetWorkflowRun says', async () => {
    const { client, sent } = clientOf(simulator.sim.url, { advancePerList: true })
    const started = []
    for (const workflow of [buildMain, deployMain, buildMain]) {
      started.push(await client.startWorkflowRun({ ...where, workflowId: workflow.id }))
    }
    const before = sent.length
    const updates = new Map<string, string[]>(started.map((run) => [run.id, []]))
    const runs = await Promise.all(
      started.map((run) =>
        client.waitForWorkflowRun(
          { ...where, id: run.id },
          { pollIntervalMs: 1, onUpdate: (update) => updates.get(run.id)?.push(update.status) },
        ),
      ),
    )
    // Four polls (one a step): each one page of the list, no GetWorkflowRun.
    expect(sent.slice(before).map((request) => request.method)).toEqual(Array(4).fill('POST'))
    expect([...updates.values()]).toEqual(
      ['SUCCEEDED', 'FAILED', 'SUCCEEDED'].map((final) => [
        'VALIDATING',
        'PROVISIONING',
        'IN_PROGRESS',
        final,
      ]),
    )
    for (const run of runs) {
      expect(run).toEqual(await client.getWorkflowRun({ ...where, id: run.id }))
    }
  })
})

describe('paginators', () => {
  it('paginateWorkflowRuns reads every page: each run once, newest first', async () => {
    const { client, sent } = clientOf()
    const runs = []
    for await (const run of client.paginateWorkflowRuns({
      ...where,
      workflowId: buildMain.id,
      maxResults: 20,
    })) {
      runs.push(run)
    }
    expect(runs.length).toBeGreaterThan(50)
    expect(sent).toHaveLength(Math.ceil(runs.length / 20))
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length)
    const starts = runs.map((run) => run.startTime.getTime())
    expect(starts).toEqual([...starts].sort((a, b) => b - a))
  })

  it('paginateWorkflows reads every page', async () => {
    const { client, sent } = clientOf()
    const names = []
    for await (const workflow of client.paginateWorkflows({ ...where, maxResults: 1 })) {
      names.push(`${workflow.name}@${workflow.sourceBranchName}`)
    }
    expect(names).toEqual(
      workflows.map((workflow) => `${workflow.name}@${workflow.sourceBranchName}`),
    )
    expect(sent).toHaveLength(3)
  })
})

describe('idempotency under faults', () => {
  it.each([
    ['directly: the client sees the connection reset', () => simulator.sim.simulator.url],
    ["through pnpm sim's gate: the client sees the connection reset too", () => simulator.sim.url],
  ])(
    'a start whose answer is lost after the run was created is retried, and leaves one run (%s)',
    async (_case, baseUrl) => {
      const { client, sent } = clientOf(baseUrl())
      const newest = async (count: number) => {
        const page = await client.listWorkflowRuns({
          ...where,
          workflowId: buildMain.id,
          maxResults: count,
        })
        return page.items.map((run) => run.id)
      }
      const [newestBefore] = await newest(1)
      const startsBefore = simulator.sim.simulator.requestCount('StartWorkflowRun')
      simulator.sim.simulator.loseResponses('StartWorkflowRun')

      const started = await client.startWorkflowRun({ ...where, workflowId: buildMain.id })

      expect(simulator.sim.simulator.requestCount('StartWorkflowRun') - startsBefore).toBe(2)
      const starts = sent.filter((request) => request.method === 'PUT')
      expect(starts).toHaveLength(2)
      const tokens = starts.map((request) => JSON.parse(request.body).clientToken)
      expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/)
      expect(tokens[1]).toBe(tokens[0])
      // Exactly one run more: the one the retry answered with, just before the newest of before.
      expect(await newest(2)).toEqual([started.id, newestBefore])
    },
  )
})
