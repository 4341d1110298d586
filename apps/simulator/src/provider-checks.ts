// The provider side of the contract: requests sent through Prism's validation proxy, whose
// answers must conform to the spec. The read-only checks hold for any CodeCatalyst that has a
// project, so they run against the simulator (`pnpm test`) and against AWS (`pnpm test:live`).
import { type OperationResponse, sendOperation } from '@codecatalyst-runs/testing/operation-request'
import { describe, expect, it } from 'vitest'

export interface ProviderTarget {
  /** The validation proxy's URL. */
  readonly url: string
  readonly token: string
  readonly where: { readonly spaceName: string; readonly projectName: string }
}

/**
 * Sends operation `id` through the proxy for the target's project and fails the test at once
 * when the answer breaks the spec (the proxy's `sl-violations`).
 */
export async function call(
  target: ProviderTarget,
  id: string,
  input: Record<string, unknown> = {},
): Promise<OperationResponse> {
  const answer = await sendOperation(
    target.url,
    id,
    { ...target.where, ...input },
    { token: target.token },
  )
  expect(
    answer.headers.get('sl-violations'),
    `${id} ${JSON.stringify(input)}: the answer breaks the spec`,
  ).toBeNull()
  return answer
}

/** The body of a 200, which the proxy has already found to conform. */
export function ok<Body>(answer: OperationResponse): Body {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  expect(answer.headers.get('x-amzn-requestid')).toBeTruthy()
  return answer.body as Body
}

/** An error answer as the wire carries it: status, error name and request id. */
export function expectServiceError(answer: OperationResponse, status: number, name: string): void {
  expect({ status: answer.status, name: answer.headers.get('x-amzn-errortype') }).toEqual({
    status,
    name,
  })
  expect(answer.headers.get('x-amzn-requestid')).toBeTruthy()
  expect(answer.body).toEqual({ message: expect.any(String) })
}

interface Paged<Item> {
  readonly items?: Item[]
  readonly nextToken?: string
}

/** Every page of a list operation (at most `maxPages`), following its tokens. */
export async function pages<Item>(
  target: ProviderTarget,
  id: 'ListWorkflowRuns' | 'ListWorkflows',
  input: Record<string, unknown>,
  maxPages = Number.POSITIVE_INFINITY,
): Promise<Array<Paged<Item>>> {
  const seen: Array<Paged<Item>> = []
  const tokens = new Set<string>()
  let nextToken = input.nextToken as string | undefined
  do {
    const page = ok<Paged<Item>>(
      await call(target, id, { ...input, ...(nextToken ? { nextToken } : {}) }),
    )
    seen.push(page)
    nextToken = page.nextToken || undefined
    if (nextToken === undefined) break
    expect(tokens.has(nextToken), 'a token is never handed out twice').toBe(false)
    tokens.add(nextToken)
  } while (seen.length < maxPages)
  return seen
}

const unknownId = '00000000-0000-4000-8000-000000000000'

/** The same points in time, however each answer writes them (`Z` or an offset, with or without ms). */
function expectSameInstants(actual: Record<string, unknown>, expected: Record<string, unknown>) {
  for (const [field, time] of Object.entries(expected)) {
    expect(Date.parse(actual[field] as string), field).toBe(Date.parse(time as string))
  }
}

type Identified = { readonly id: string } & Record<string, unknown>

/**
 * Checks of the read-only operations that hold for any project with at least one workflow:
 * every answer conforms, pages chain without repeats, a workflow and a run read on their own
 * agree with their summaries, and an unknown id is a ResourceNotFoundException.
 */
export function readOnlyChecks(target: () => ProviderTarget): void {
  describe('read-only operations', () => {
    it('ListWorkflows: every page conforms, and no workflow comes twice', async () => {
      const all = (
        await pages<Identified>(target(), 'ListWorkflows', { maxResults: 2 }, 20)
      ).flatMap((page) => page.items ?? [])
      expect(all.length, 'the project has a workflow').toBeGreaterThan(0)
      expect(new Set(all.map((workflow) => workflow.id)).size).toBe(all.length)
    })

    it('GetWorkflow: each listed workflow conforms and agrees with its summary', async () => {
      const [first] = await pages<Identified>(target(), 'ListWorkflows', {}, 1)
      for (const summary of (first?.items ?? []).slice(0, 3)) {
        const workflow = ok<Record<string, unknown>>(
          await call(target(), 'GetWorkflow', { id: summary.id }),
        )
        const { createdTime, lastUpdatedTime, ...rest } = summary
        expect(workflow).toMatchObject({ ...target().where, ...rest })
        expectSameInstants(workflow, { createdTime, lastUpdatedTime })
      }
    })

    it('ListWorkflowRuns and GetWorkflowRun: pages conform, no run twice, a run agrees with its summary', async () => {
      const [first] = await pages<Identified>(target(), 'ListWorkflows', {}, 1)
      for (const workflow of first?.items ?? []) {
        const runs = (
          await pages<Identified>(
            target(),
            'ListWorkflowRuns',
            { workflowId: workflow.id, maxResults: 5 },
            4,
          )
        ).flatMap((page) => page.items ?? [])
        expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length)
        const [summary] = runs
        if (summary === undefined) continue
        const run = ok<Record<string, unknown>>(
          await call(target(), 'GetWorkflowRun', { id: summary.id }),
        )
        expect(run).toMatchObject({ ...target().where, id: summary.id, workflowId: workflow.id })
        expectSameInstants(run, { startTime: summary.startTime })
        return
      }
      expect.fail('No workflow of the project has a run to read: start one, then check again.')
    })

    it('ListWorkflowRuns without a workflowId conforms', async () => {
      await pages(target(), 'ListWorkflowRuns', { maxResults: 5 }, 2)
    })

    it.each([
      ['GetWorkflowRun', 'run'],
      ['GetWorkflow', 'workflow'],
    ])('%s of an unknown %s: 404 ResourceNotFoundException', async (id) => {
      expectServiceError(
        await call(target(), id, { id: unknownId }),
        404,
        'ResourceNotFoundException',
      )
    })
  })
}
