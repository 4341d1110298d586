// The MCP server in-process, driven by the SDK's real Client over its in-memory transport, against
// the CodeCatalyst simulator behind Prism's validation proxy. The simulator's clock moves one step
// each time a run is read, so a run's four statuses take no time and nothing waits on a timer.
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
import { readSpecFile, readTools } from '@codecatalyst-runs/codegen'
import { readSpec } from '@codecatalyst-runs/codegen/spec-reader'
import { useProxiedSimulator } from '@codecatalyst-runs/simulator/vitest'
import { buildMain, deployMain, where } from '@codecatalyst-runs/testing/fixtures'
import { failOnSpecViolations } from '@codecatalyst-runs/testing/spec-violations'
import { Client } from '@modelcontextprotocol/client'
import { InMemoryTransport } from '@modelcontextprotocol/server'
import { describe, expect, it } from 'vitest'
import { operationTools } from './generated/tools.gen.js'
import { createCodeCatalystMcpServer } from './server.js'

const specPath = new URL('../../../spec/codecatalyst.openapi.yaml', import.meta.url).pathname
const token = 'mcp-test-token-4f1c9a'
const simulator = useProxiedSimulator(1_000)
const { clock, stepMs } = simulator

const checked = failOnSpecViolations('answers that broke the spec')

interface Session {
  readonly mcp: Client
  /** Every request the client sent to CodeCatalyst. */
  readonly sent: { method: string; url: string; authorization: string | null }[]
  /** Every line the client logged. */
  readonly logs: string[]
  close(): Promise<void>
}

async function connect({ throttled = 0 } = {}): Promise<Session> {
  const sent: Session['sent'] = []
  const logs: string[] = []
  const line =
    (level: string) =>
    (...parts: unknown[]) =>
      logs.push(`${level} ${parts.map((part) => JSON.stringify(part) ?? String(part)).join(' ')}`)
  const client = createCodeCatalystClient({
    token,
    baseUrl: simulator.sim.url,
    logger: { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') },
    fetch: checked(async (input, init) => {
      const request = new Request(input, init)
      const throttle = sent.length < throttled
      sent.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.get('authorization'),
      })
      if (throttle) {
        // What CodeCatalyst answers a caller over its rate: the client retries it.
        return new Response(JSON.stringify({ message: 'Rate exceeded' }), {
          status: 429,
          headers: {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ThrottlingException',
            'x-amzn-requestid': 'throttled-1',
          },
        })
      }
      const response = await fetch(request)
      if (request.method === 'GET') clock.advance(stepMs)
      return response
    }),
  })
  const server = createCodeCatalystMcpServer({
    client,
    secrets: [token],
    wait: { pollIntervalMs: 1 },
  })
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  await server.connect(serverSide)
  const mcp = new Client({ name: 'mcp-test', version: '1.0.0' })
  await mcp.connect(clientSide)
  return {
    mcp,
    sent,
    logs,
    async close() {
      await mcp.close()
      await server.close()
    },
  }
}

type Structured = Record<string, unknown>

/** An error result's details: in its `_meta`, and as JSON after the first line of its text. */
function errorOf(result: { _meta?: Structured; content?: unknown }): Structured {
  const meta = result._meta?.['codecatalyst-runs/error'] as Structured
  const text = (result.content as { text: string }[])[0]?.text ?? ''
  expect(JSON.parse(text.slice(text.indexOf('\n\n') + 2))).toEqual(meta)
  return meta
}

describe('tools/list', () => {
  it('has one tool per operation of the spec, with its schemas and hints, and the waiter', async () => {
    const session = await connect()
    try {
      const { tools } = await session.mcp.listTools()
      const fromSpec = readTools(readSpec(readSpecFile(specPath)))
      expect(tools.map((tool) => tool.name)).toEqual([
        ...fromSpec.map((tool) => tool.name),
        'wait_for_workflow_run',
      ])
      expect(fromSpec.map((tool) => tool.name)).toEqual([
        'get_workflow_run',
        'start_workflow_run',
        'list_workflow_runs',
        'list_workflows',
        'get_workflow',
      ])
      // The committed generated file is what the spec gives today.
      expect(operationTools).toEqual(fromSpec)
      for (const expected of fromSpec) {
        const tool = tools.find((candidate) => candidate.name === expected.name)
        expect(tool?.description).toContain(expected.description.split('\n')[0])
        expect(tool?.outputSchema).toEqual(expected.outputSchema)
        expect(tool?.annotations).toMatchObject(expected.annotations)
        expect(tool?.inputSchema).toMatchObject({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          type: 'object',
          additionalProperties: false,
        })
        if (expected.name !== 'start_workflow_run') {
          expect(tool?.inputSchema).toEqual(expected.inputSchema)
        }
      }
      const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]))
      expect(byName.get_workflow_run?.annotations).toMatchObject({ readOnlyHint: true })
      expect(byName.start_workflow_run?.annotations).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
      })
      // Constraints and enums kept: a run id's pattern, ListWorkflows' page size.
      expect(byName.get_workflow_run?.inputSchema.properties?.id).toMatchObject({
        pattern: expect.stringContaining('[0-9a-fA-F]{8}'),
      })
      expect(byName.list_workflows?.inputSchema.properties?.maxResults).toMatchObject({
        type: 'integer',
        minimum: 1,
        maximum: 100,
      })
      // start_workflow_run: the spec's input, the workflow by id or by name.
      const start = byName.start_workflow_run?.inputSchema
      expect(Object.keys(start?.properties ?? {})).toEqual([
        'spaceName',
        'projectName',
        'clientToken',
        'workflowId',
        'workflowName',
        'branch',
      ])
      expect(start?.required).toEqual(['spaceName', 'projectName'])
      expect(byName.wait_for_workflow_run?.outputSchema).toEqual(
        byName.get_workflow_run?.outputSchema,
      )
    } finally {
      await session.close()
    }
  })
})

describe('an agent follows a run', () => {
  it.each([
    [buildMain, 'SUCCEEDED'],
    [deployMain, 'FAILED'],
  ])('lists, starts, waits for and gets a run of $name: $1', async (workflow, final) => {
    const session = await connect()
    try {
      const listed = await session.mcp.callTool({ name: 'list_workflows', arguments: where })
      expect(listed.isError).toBeFalsy()
      const items = (listed.structuredContent as Structured).items as Structured[]
      expect(items.map((item) => item.id)).toContain(workflow.id)
      // A text block with the same JSON, for clients that read only `content`.
      expect(JSON.parse((listed.content as { text: string }[])[0]?.text ?? '')).toEqual(
        listed.structuredContent,
      )

      const started = await session.mcp.callTool({
        name: 'start_workflow_run',
        arguments: { ...where, workflowName: workflow.name, branch: workflow.sourceBranchName },
      })
      expect(started.isError).toBeFalsy()
      const run = started.structuredContent as Structured
      expect(run).toMatchObject({ ...where, workflowId: workflow.id })

      const progress: string[] = []
      const waited = await session.mcp.callTool(
        { name: 'wait_for_workflow_run', arguments: { ...where, id: run.id } },
        { onprogress: (update) => progress.push(update.message ?? '') },
      )
      expect(waited.isError).toBeFalsy()
      expect(waited.structuredContent).toMatchObject({ id: run.id, status: final })
      expect(progress).toEqual(['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', final])

      const got = await session.mcp.callTool({
        name: 'get_workflow_run',
        arguments: { ...where, id: run.id },
      })
      expect(got.structuredContent).toEqual(waited.structuredContent)
      expect(typeof (got.structuredContent as Structured).startTime).toBe('string')

      const runs = await session.mcp.callTool({
        name: 'list_workflow_runs',
        arguments: { ...where, workflowId: workflow.id, maxResults: 50 },
      })
      const summaries = (runs.structuredContent as Structured).items as Structured[]
      expect(summaries.find((summary) => summary.id === run.id)).toMatchObject({ status: final })
    } finally {
      await session.close()
    }
  })

  it('starts by workflow id too, and sends no progress without a progressToken', async () => {
    const session = await connect()
    try {
      const started = await session.mcp.callTool({
        name: 'start_workflow_run',
        arguments: { ...where, workflowId: buildMain.id },
      })
      expect(started.structuredContent).toMatchObject({ workflowId: buildMain.id })
      const before = session.sent.length
      const waited = await session.mcp.callTool({
        name: 'wait_for_workflow_run',
        arguments: { ...where, id: (started.structuredContent as Structured).id },
      })
      expect(waited.structuredContent).toMatchObject({ status: 'SUCCEEDED' })
      expect(session.sent.length - before).toBe(4)
    } finally {
      await session.close()
    }
  })

  it('refuses an ambiguous or unknown workflow name, listing the candidates, and starts nothing', async () => {
    const session = await connect()
    try {
      const ambiguous = await session.mcp.callTool({
        name: 'start_workflow_run',
        arguments: { ...where, workflowName: 'build' },
      })
      expect(ambiguous.isError).toBe(true)
      const error = errorOf(ambiguous)
      expect(error.type).toBe('AmbiguousWorkflow')
      expect((error.candidates as Structured[]).map((c) => c.sourceBranchName).sort()).toEqual([
        'main',
        'release',
      ])
      expect((ambiguous.content as { text: string }[])[0]?.text).toContain(
        'is on several branches: main, release',
      )
      const unknown = await session.mcp.callTool({
        name: 'start_workflow_run',
        arguments: { ...where, workflowName: 'Build' },
      })
      expect(errorOf(unknown).type).toBe('WorkflowNotFound')
      expect(session.sent.every((request) => request.method !== 'PUT')).toBe(true)
    } finally {
      await session.close()
    }
  })
})

describe('errors', () => {
  it('answers a modelled service error as isError with its type, message and request id', async () => {
    const session = await connect()
    try {
      const result = await session.mcp.callTool({
        name: 'get_workflow_run',
        arguments: { ...where, id: '00000000-0000-4000-8000-000000000000' },
      })
      expect(result.isError).toBe(true)
      const error = errorOf(result)
      expect(error).toMatchObject({ type: 'ResourceNotFoundException', status: 404 })
      expect(error.requestId).toEqual(expect.any(String))
      const text = (result.content as { text: string }[])[0]?.text ?? ''
      expect(text).toMatch(/^ResourceNotFoundException: .+ \(request id .+\)\n/)
      expect(result.structuredContent).toBeUndefined()
    } finally {
      await session.close()
    }
  })

  it('retries a throttled call in the client before answering: the tool sees the answer', async () => {
    const session = await connect({ throttled: 2 })
    try {
      const result = await session.mcp.callTool({ name: 'list_workflows', arguments: where })
      expect(result.isError).toBeFalsy()
      expect(session.sent).toHaveLength(3)
      expect(((result.structuredContent as Structured).items as unknown[]).length).toBe(3)
    } finally {
      await session.close()
    }
  })

  it('reports throttling that outlasts the retries as isError ThrottlingException', async () => {
    const session = await connect({ throttled: 10 })
    try {
      const result = await session.mcp.callTool({ name: 'list_workflows', arguments: where })
      expect(result.isError).toBe(true)
      expect(errorOf(result)).toMatchObject({
        type: 'ThrottlingException',
        requestId: 'throttled-1',
        status: 429,
        attempts: 3,
      })
    } finally {
      await session.close()
    }
  })

  it.each([
    ['a mistyped argument', { ...where, id: buildMain.id, idd: 'x' }, 'get_workflow_run'],
    ['a run id that is not a UUID', { ...where, id: 'not-a-uuid' }, 'get_workflow_run'],
    ['a required argument left out', { spaceName: where.spaceName }, 'get_workflow_run'],
    ['a page size over the maximum', { ...where, maxResults: 101 }, 'list_workflows'],
    ['a wrong type', { ...where, maxResults: '5' }, 'list_workflows'],
    [
      'both a workflow id and a name',
      { ...where, workflowId: buildMain.id, workflowName: 'build' },
      'start_workflow_run',
    ],
    [
      'a wait beyond its bound',
      { ...where, id: buildMain.id, timeoutSeconds: 100_000 },
      'wait_for_workflow_run',
    ],
  ])('refuses %s with no request sent', async (_, args, name) => {
    const session = await connect()
    try {
      const refused = await session.mcp.callTool({ name, arguments: args }).then(
        (result) => result,
        (error: Error) => ({ isError: true, thrown: error.message }),
      )
      expect(refused.isError).toBe(true)
      // The SDK refuses what breaks the input schema; the tool itself, a name and an id at once.
      expect(JSON.stringify(refused)).toMatch(/Input validation error|InvalidArguments/)
      expect(session.sent).toEqual([])
    } finally {
      await session.close()
    }
  })

  it('never lets the token into a result or a log line', async () => {
    const session = await connect()
    try {
      const results = [
        await session.mcp.callTool({ name: 'list_workflows', arguments: where }),
        await session.mcp.callTool({
          name: 'get_workflow_run',
          arguments: { ...where, id: '00000000-0000-4000-8000-000000000000' },
        }),
        await session.mcp.callTool({
          name: 'start_workflow_run',
          arguments: { ...where, workflowName: token },
        }),
      ]
      expect(session.sent.length).toBeGreaterThan(0)
      expect(session.sent.every((request) => request.authorization === `Bearer ${token}`)).toBe(
        true,
      )
      expect(session.logs.length).toBeGreaterThan(0)
      const everything = JSON.stringify({ results, logs: session.logs })
      expect(everything).not.toContain(token)
      // The name given was the token itself: it comes back redacted.
      expect(everything).toContain('[redacted]')
    } finally {
      await session.close()
    }
  })
})
