import * as aws from '@aws-sdk/client-codecatalyst'
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
import { buildMain, where } from '@codecatalyst-runs/testing/fixtures'
import {
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import {
  errorResponses,
  exampleInput,
  expectedOutput,
  responseExamples,
} from '@codecatalyst-runs/testing/spec'
import { afterEach, describe, expect, it } from 'vitest'
import { call, clientPreferring, dynamicOutput, operationIds, prismUrl, token } from './harness.ts'

// The official SDK, pointed at the same mock. Its deserializers are generated from AWS's own
// service model, so agreeing with it shows that the spec matches the real wire format.
function awsClient(endpoint = prismUrl) {
  return new aws.CodeCatalystClient({
    endpoint,
    token: { token },
    region: 'us-west-2',
    maxAttempts: 1,
  })
}
const awsAtPrism = awsClient()

type Command = new (input: unknown) => aws.GetWorkflowRunCommand
const commandOf = (id: string) =>
  (aws as unknown as Record<string, Command>)[`${id}Command`] as Command

async function awsCall(id: string, prefer: string, input = exampleInput(id)) {
  const command = new (commandOf(id))(input)
  command.middlewareStack.add(
    (next) => async (args) => {
      ;(args.request as { headers: Record<string, string> }).headers.prefer = prefer
      return next(args)
    },
    { step: 'build', name: 'preferResponse' },
  )
  const { $metadata: _, ...output } = await awsAtPrism.send(command)
  return output
}

function ours(id: string, prefer: string) {
  return call(clientPreferring(prefer), id)
}

// Prism's dynamic answers add made-up members to nested objects. The SDK copies a nested
// structure without timestamps as it comes (its `_json`), made-up members included, where our
// client keeps the members the spec has; `expectedOutput` keeps those of the SDK's answer, so that
// every member the model has is compared.
describe.each(operationIds)('%s: our client and @aws-sdk/client-codecatalyst agree', (id) => {
  it.each(responseExamples('200', id))('on the %s example, field by field', async (name) => {
    const prefer = `example=${name}`
    expect(await ours(id, prefer)).toEqual(await awsCall(id, prefer))
  })

  it('on 200 seeded dynamic responses', async () => {
    const disagreements: string[] = []
    for (let start = 1; start <= 200; start += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, offset) => {
          const seed = start + offset
          const [{ output }, theirs] = await Promise.all([
            dynamicOutput(id, seed),
            awsCall(id, `dynamic=true, seed=${seed}`),
          ])
          try {
            expect(output).toEqual(expectedOutput(id, theirs))
          } catch (error) {
            disagreements.push(`seed ${seed}: ${(error as Error).message}`)
          }
        }),
      )
    }
    expect(disagreements).toEqual([])
  })

  it.each(errorResponses(id))(
    'on the name and message of the $status error',
    async ({ status, name }) => {
      const prefer = `code=${status}`
      const [ourError, theirError] = await Promise.all([
        ours(id, prefer).catch((error: unknown) => error as Error),
        awsCall(id, prefer).catch((error: unknown) => error as Error),
      ])
      expect(ourError).toBeInstanceOf(Error)
      expect((ourError as Error).name).toBe((theirError as Error).name)
      expect((ourError as Error).name).toBe(name)
      expect((ourError as Error).message).toBe((theirError as Error).message)
    },
  )
})

describe('on the wire, against a recording server', () => {
  let server: LocalServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  /** The requests both clients send for the same input, as the server saw them. */
  async function bothSend(id: string, input: Record<string, unknown>, answer: unknown) {
    server = await startLocalServer((_request, response) => sendJson(response, 200, answer))
    await call(createCodeCatalystClient({ token, baseUrl: server.url }), id, input)
    await awsClient(server.url).send(new (commandOf(id))(input))
    const [mine, theirs] = server.requests
    // Query order means nothing on the wire; both are compared sorted.
    const view = (request: typeof mine) => ({
      method: request?.method,
      path: new URL(request?.url ?? '', 'http://x').pathname,
      query: [...new URL(request?.url ?? '', 'http://x').searchParams].sort(),
      contentType: request?.headers['content-type'],
      authorization: request?.headers.authorization,
      body: request?.body === '' ? undefined : JSON.parse(request?.body ?? ''),
    })
    return { mine: view(mine), theirs: view(theirs) }
  }

  const started = Object.fromEntries(responseExamples('200', 'StartWorkflowRun')).started
  const firstPage = { items: [] }

  it('StartWorkflowRun with a clientToken: the same request, token included', async () => {
    const input = { ...exampleInput('StartWorkflowRun'), clientToken: 'deploy-2026-11-24.1' }
    const { mine, theirs } = await bothSend('StartWorkflowRun', input, started)
    expect(mine).toEqual(theirs)
    expect(mine.body).toEqual({ clientToken: 'deploy-2026-11-24.1' })
  })

  it('StartWorkflowRun without one: both make up a UUID v4, and send nothing else', async () => {
    const { mine, theirs } = await bothSend(
      'StartWorkflowRun',
      exampleInput('StartWorkflowRun'),
      started,
    )
    const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    expect(mine.body.clientToken).toMatch(uuidV4)
    expect(theirs.body.clientToken).toMatch(uuidV4)
    expect({ ...mine, body: Object.keys(mine.body) }).toEqual({
      ...theirs,
      body: Object.keys(theirs.body),
    })
  })

  it.each([
    ['ListWorkflowRuns', {}],
    [
      'ListWorkflowRuns',
      {
        workflowId: exampleInput('ListWorkflowRuns').workflowId,
        maxResults: 7,
        nextToken: 'a b/c',
        sortBy: [{}],
      },
    ],
    ['ListWorkflows', {}],
    ['ListWorkflows', { maxResults: 100, nextToken: 'eyJ9', sortBy: [{}] }],
  ])('%s %j: the same request, `{}` body included', async (id, extra) => {
    const { mine, theirs } = await bothSend(id, { ...exampleInput(id), ...extra }, firstPage)
    expect(mine).toEqual(theirs)
  })
})

describe('pagination: ours and the SDK paginator over the same pages', () => {
  let server: LocalServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  const run = (n: number) => ({
    id: `0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d${String(n).padStart(2, '0')}`,
    workflowId: buildMain.id,
    workflowName: buildMain.name,
    status: n % 2 ? 'SUCCEEDED' : 'FAILED',
    startTime: `2026-11-0${n}T09:15:04.512Z`,
    lastUpdatedTime: `2026-11-0${n}T09:21:47+01:00`,
  })
  // Two runs, an empty page that still has a token, then the last run.
  const pages: Record<string, unknown> = {
    '': { items: [run(1), run(2)], nextToken: 'page-2' },
    'page-2': { items: [], nextToken: 'page 3/3' },
    'page 3/3': { items: [run(3)] },
  }

  it('gives the same items, in the same order, with the same requests', async () => {
    server = await startLocalServer((request, response) => {
      const token = new URL(request.url ?? '', 'http://x').searchParams.get('nextToken') ?? ''
      sendJson(response, 200, pages[token] ?? { message: 'no such page' })
    })
    const input = where
    const mine = []
    for await (const item of createCodeCatalystClient({
      token,
      baseUrl: server.url,
    }).paginateWorkflowRuns(input)) {
      mine.push(item)
    }
    const ourRequests = server.requests.map((request) => request.url)
    server.requests.length = 0

    const theirs = []
    for await (const page of aws.paginateListWorkflowRuns(
      { client: awsClient(server.url) },
      input,
    )) {
      theirs.push(...(page.items ?? []))
    }
    const theirRequests = server.requests.map((request) => request.url)

    expect(mine).toHaveLength(3)
    expect(mine).toEqual(theirs)
    expect(mine.map((item) => item.startTime)).toEqual(theirs.map((item) => item.startTime))
    expect(ourRequests).toEqual(theirRequests)
    expect(ourRequests).toHaveLength(3)
  })
})
