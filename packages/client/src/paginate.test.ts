import { buildMain, where } from '@codecatalyst-runs/testing/fixtures'
import {
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CodeCatalystAbortError,
  CodeCatalystConfigurationError,
  CodeCatalystInputError,
  CodeCatalystResponseError,
  createCodeCatalystClient,
  type WorkflowRunSummary,
} from './index.js'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const summary = (n: number) => ({
  id: `0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e${String(n).padStart(4, '0')}`,
  workflowId: buildMain.id,
  workflowName: buildMain.name,
  status: 'SUCCEEDED',
  startTime: `2026-11-02T09:${String(n).padStart(2, '0')}:00Z`,
  lastUpdatedTime: '2026-11-02T10:00:00Z',
})

/** Serves the pages by the nextToken asked for ('' for the first). */
async function pages(byToken: Record<string, unknown>) {
  server = await startLocalServer((request, response) => {
    const token = new URL(request.url ?? '', 'http://x').searchParams.get('nextToken') ?? ''
    sendJson(response, 200, byToken[token] ?? { unexpected: token })
  })
  return { client: createCodeCatalystClient({ token: 't', baseUrl: server.url }), server }
}

async function collect(iterable: AsyncIterable<WorkflowRunSummary>) {
  const items: WorkflowRunSummary[] = []
  for await (const item of iterable) items.push(item)
  return items
}

describe('paginateWorkflowRuns', () => {
  it('follows the tokens through every page, empty pages and absent items included', async () => {
    const { client, server } = await pages({
      '': { items: [summary(1), summary(2)], nextToken: 'b' },
      b: { items: [], nextToken: 'c' },
      c: { nextToken: 'd' },
      d: { items: [summary(3)], nextToken: '' },
    })
    const items = await collect(client.paginateWorkflowRuns(where))
    expect(items.map((item) => item.id.slice(-4))).toEqual(['0001', '0002', '0003'])
    expect(items[0]?.startTime).toEqual(new Date('2026-11-02T09:01:00Z'))
    expect(server.requests.map((request) => new URL(request.url, 'http://x').search)).toEqual([
      '',
      '?nextToken=b',
      '?nextToken=c',
      '?nextToken=d',
    ])
  })

  it('stops at maxItems, without asking for a page it does not need', async () => {
    const { client, server } = await pages({
      '': { items: [summary(1), summary(2)], nextToken: 'b' },
      b: { items: [summary(3), summary(4)], nextToken: 'c' },
    })
    expect(await collect(client.paginateWorkflowRuns(where, { maxItems: 3 }))).toHaveLength(3)
    expect(server.requests).toHaveLength(2)
    server.requests.length = 0
    expect(await collect(client.paginateWorkflowRuns(where, { maxItems: 2 }))).toHaveLength(2)
    expect(server.requests).toHaveLength(1)
  })

  it('with maxItems, asks for no more than it still needs, within the spec maximum', async () => {
    const { client, server } = await pages({
      '': { items: [summary(1), summary(2)], nextToken: 'b' },
      b: { items: [summary(3), summary(4)], nextToken: 'c' },
    })
    const asked = () =>
      server.requests.map((request) =>
        new URL(request.url, 'http://x').searchParams.get('maxResults'),
      )
    await collect(client.paginateWorkflowRuns(where, { maxItems: 3 }))
    expect(asked()).toEqual(['3', '1'])
    server.requests.length = 0
    await collect(client.paginateWorkflowRuns(where, { maxItems: 120 }))
    expect(asked()).toEqual(['50', '50', '50'])
    server.requests.length = 0
    await collect(client.paginateWorkflowRuns({ ...where, maxResults: 2 }, { maxItems: 3 }))
    expect(asked()).toEqual(['2', '2'])
    server.requests.length = 0
    await collect(client.paginateWorkflowRuns(where))
    expect(asked()).toEqual([null, null, null])
  })

  it('a token the service returns twice is an error, never a loop', async () => {
    const { client, server } = await pages({
      '': { items: [summary(1)], nextToken: 'same' },
      same: { items: [summary(2)], nextToken: 'same' },
    })
    const seen: string[] = []
    const error = await (async () => {
      for await (const item of client.paginateWorkflowRuns(where)) seen.push(item.id)
    })().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystResponseError)
    expect(error).toMatchObject({ field: 'nextToken', status: 200, attempts: 1 })
    expect((error as Error).message).toMatch(/"same" a second time/)
    expect(seen).toHaveLength(1) // the page that repeats the token is not half-delivered
    expect(server.requests).toHaveLength(2)
  })

  it('a service that hands back the token it was given is caught on the first page', async () => {
    const { client, server } = await pages({ start: { items: [], nextToken: 'start' } })
    const error = await collect(
      client.paginateWorkflowRuns({ ...where, nextToken: 'start' }),
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystResponseError)
    expect(server.requests).toHaveLength(1)
  })

  it('bad options and bad input are refused at once, before anything is sent', async () => {
    const { client, server } = await pages({})
    for (const maxItems of [0, -1, 1.5, Number.NaN]) {
      expect(() => client.paginateWorkflowRuns(where, { maxItems })).toThrow(
        CodeCatalystConfigurationError,
      )
    }
    expect(() => client.paginateWorkflowRuns({ ...where, maxResults: 500 })).toThrow(
      CodeCatalystInputError,
    )
    expect(server.requests).toHaveLength(0)
  })

  it('its signal aborts the pagination', async () => {
    const { client } = await pages({ '': { items: [summary(1)], nextToken: 'b' } })
    const controller = new AbortController()
    const error = await (async () => {
      for await (const _item of client.paginateWorkflowRuns(where, { signal: controller.signal })) {
        controller.abort()
      }
    })().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystAbortError)
  })
})

describe('paginateWorkflows', () => {
  it('follows ListWorkflows pages the same way', async () => {
    const workflow = (name: string) => ({
      id: '5b7e3c21-94d8-4f0a-b1c6-8e2f7a9d3c40',
      name,
      sourceRepositoryName: 'my-repo',
      sourceBranchName: 'main',
      definition: { path: `.codecatalyst/workflows/${name}.yaml` },
      createdTime: '2026-10-01T10:00:00Z',
      lastUpdatedTime: '2026-11-01T10:00:00Z',
      runMode: 'QUEUED',
      status: 'ACTIVE',
    })
    server = await startLocalServer((request, response) => {
      const token = new URL(request.url ?? '', 'http://x').searchParams.get('nextToken')
      sendJson(
        response,
        200,
        token ? { items: [workflow('deploy')] } : { items: [workflow('build')], nextToken: 'n' },
      )
    })
    const client = createCodeCatalystClient({ token: 't', baseUrl: server.url })
    const names: string[] = []
    for await (const workflowSummary of client.paginateWorkflows(where))
      names.push(workflowSummary.name)
    expect(names).toEqual(['build', 'deploy'])
  })
})
