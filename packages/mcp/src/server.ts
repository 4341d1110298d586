// The MCP server: one tool per operation of the spec (generated, src/generated/tools.gen.ts), run
// by @codecatalyst-runs/client, so every call has the client's retries, retry budget, input
// checks and idempotent starts; plus the hand-written tools an agent needs that the API alone
// makes clumsy: `start_workflow_run` also takes a workflow's name, and `wait_for_workflow_run`.
import { createRequire } from 'node:module'
import {
  type CodeCatalystClient,
  type CodeCatalystClientOptions,
  createCodeCatalystClient,
  type WorkflowSummary,
} from '@codecatalyst-runs/client'
import {
  type CallToolResult,
  fromJsonSchema,
  McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server'
import { operationTools } from './generated/tools.gen.js'
import type { JsonSchema, OperationTool } from './operation-tool.js'
import { failure, success, ToolError } from './results.js'

const { version } = createRequire(import.meta.url)('../package.json') as { version: string }

/** The server's name in MCP's `initialize` answer. */
export const serverName = 'codecatalyst-runs'

/** How `wait_for_workflow_run` waits. */
export interface WaitToolOptions {
  /** The mean time between polls when the caller gives none, in ms. Default 5 000. */
  readonly pollIntervalMs?: number
  /** The timeout when the caller gives none, in seconds. Default 50 (under the 60 s many clients allow a call). */
  readonly defaultTimeoutSeconds?: number
  /** The longest timeout a caller may ask for, in seconds. Default 900. */
  readonly maxTimeoutSeconds?: number
}

/** What `createCodeCatalystMcpServer` is given; every option has a default. */
export interface CodeCatalystMcpServerOptions {
  /**
   * The client the tools call. Default: `createCodeCatalystClient(clientOptions)`, which reads the
   * token from CODECATALYST_TOKEN and the endpoint from CODECATALYST_ENDPOINT.
   */
  readonly client?: CodeCatalystClient
  /** Options for the client made when none is given. */
  readonly clientOptions?: CodeCatalystClientOptions
  /** How `wait_for_workflow_run` waits. */
  readonly wait?: WaitToolOptions
  /**
   * Strings no result may hold: replaced by `[redacted]`. The token (a string option, or
   * CODECATALYST_TOKEN) is always one.
   */
  readonly secrets?: readonly string[]
}

/** A tool as tools/list shows it, and what it costs in API calls. */
export interface ToolDefinition {
  /** The tool's name in tools/list and tools/call. */
  readonly name: string
  /** Its title, for people. */
  readonly title: string
  /** What it does, for the model. */
  readonly description: string
  /** Its arguments: a JSON Schema 2020-12 object with `additionalProperties: false`. */
  readonly inputSchema: JsonSchema
  /** Its `structuredContent`. */
  readonly outputSchema: JsonSchema
  /** MCP's hints: read-only, destructive, idempotent, open world. */
  readonly annotations: OperationTool['annotations']
  /** Generated from the spec (`operation`), or hand-written over generated schemas (`handwritten`). */
  readonly origin: 'operation' | 'handwritten'
  /** What one call costs in CodeCatalyst API calls (before the client's retries). */
  readonly apiCalls: string
}

const defaults = { pollIntervalMs: 5_000, defaultTimeoutSeconds: 50, maxTimeoutSeconds: 900 }

function generated(name: string): OperationTool {
  const tool = operationTools.find((candidate) => candidate.name === name)
  if (!tool) throw new Error(`the spec has no operation for the tool ${name}`)
  return tool
}

type Properties = Readonly<Record<string, JsonSchema>>
const propertiesOf = (schema: JsonSchema) => (schema.properties ?? {}) as Properties
const requiredOf = (schema: JsonSchema) => (schema.required ?? []) as readonly string[]

/** start_workflow_run: the spec's input, with the workflow by id or by name (and branch). */
function startDefinition(): ToolDefinition {
  const start = generated('start_workflow_run')
  const { workflowId, ...rest } = propertiesOf(start.inputSchema)
  return {
    ...start,
    description: `${start.description}\n\nName the workflow by \`workflowId\` or by \`workflowName\` (exact and case-sensitive, as the CLI's --workflow; an id works there too), with \`branch\` when the name is on several branches. A name is looked up with list_workflows (every page); a name that matches nothing or several workflows is an error listing the candidates.`,
    inputSchema: {
      ...start.inputSchema,
      properties: {
        ...rest,
        ...(workflowId && {
          workflowId: {
            ...workflowId,
            description: `${workflowId.description ?? ''} Give this or workflowName.`.trim(),
          },
        }),
        workflowName: {
          description:
            "The workflow's name (exact, case-sensitive), or its id. Give this or workflowId.",
          type: 'string',
          minLength: 1,
          examples: ['build'],
        },
        branch: {
          description:
            "The source branch of the named workflow, when its name is on several branches (the workflow's sourceBranchName).",
          type: 'string',
          minLength: 1,
          examples: ['main'],
        },
      },
      required: requiredOf(start.inputSchema).filter((name) => name !== 'workflowId'),
    },
    origin: 'handwritten',
    apiCalls:
      '1 with workflowId; with workflowName, 1 + one list_workflows call per 100 workflows of the project',
  }
}

function waitDefinition(wait: Required<WaitToolOptions>): ToolDefinition {
  const get = generated('get_workflow_run')
  return {
    name: 'wait_for_workflow_run',
    title: 'Wait for workflow run',
    description: `Waits until a workflow run ends (SUCCEEDED, FAILED, STOPPED, SUPERSEDED, CANCELLED, NOT_RUN or ABANDONED) and returns it, as get_workflow_run does; polls get_workflow_run (every pollIntervalSeconds, ±20 %). A run still going after timeoutSeconds (default ${wait.defaultTimeoutSeconds}, at most ${wait.maxTimeoutSeconds}) is an error of type WaitTimeout with the last status seen: call again to keep waiting. With a progressToken, each status change is sent as a progress notification. A FAILED run is a result, not an error: read its status.`,
    inputSchema: {
      ...get.inputSchema,
      properties: {
        ...propertiesOf(get.inputSchema),
        timeoutSeconds: {
          description: `How long to wait, in seconds (default ${wait.defaultTimeoutSeconds}).`,
          type: 'integer',
          minimum: 1,
          maximum: wait.maxTimeoutSeconds,
        },
        pollIntervalSeconds: {
          description: `The mean time between polls, in seconds (default ${wait.pollIntervalMs / 1000}).`,
          type: 'integer',
          minimum: 1,
          maximum: 300,
        },
      },
    },
    outputSchema: get.outputSchema,
    annotations: {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    origin: 'handwritten',
    apiCalls: '1 per poll: at most timeoutSeconds / pollIntervalSeconds + 1',
  }
}

/** Every tool the server serves, in tools/list's order. */
export function toolDefinitions(
  options: { readonly wait?: WaitToolOptions } = {},
): ToolDefinition[] {
  const wait = { ...defaults, ...options.wait }
  const tools: ToolDefinition[] = operationTools.map((tool) =>
    tool.name === 'start_workflow_run'
      ? startDefinition()
      : { ...tool, origin: 'operation', apiCalls: '1' },
  )
  tools.push(waitDefinition(wait))
  return tools
}

type Args = Record<string, unknown>

/**
 * The one workflow meant, as the CLI's `--workflow` finds it: by exact, case-sensitive name (and
 * branch when the name is on several branches), else by id. Reads every page of ListWorkflows.
 */
async function resolveWorkflow(
  client: CodeCatalystClient,
  where: { spaceName: string; projectName: string },
  nameOrId: string,
  branch: string | undefined,
  signal: AbortSignal,
): Promise<WorkflowSummary> {
  const workflows: WorkflowSummary[] = []
  for await (const workflow of client.paginateWorkflows(where, { signal })) workflows.push(workflow)
  const project = `${where.spaceName}/${where.projectName}`
  const named = workflows.filter((workflow) => workflow.name === nameOrId)
  const matches = named.length > 0 ? named : workflows.filter((w) => w.id === nameOrId)
  const label = JSON.stringify(nameOrId)
  const candidates = (list: WorkflowSummary[]) =>
    list.map(({ id, name, sourceBranchName }) => ({ id, name, sourceBranchName }))
  if (matches.length === 0) {
    const names = [...new Set(workflows.map((workflow) => workflow.name))].sort()
    throw new ToolError(
      'WorkflowNotFound',
      names.length === 0
        ? `No workflow ${label}: ${project} has no workflows.`
        : `No workflow ${label} in ${project}. Its workflows: ${names.join(', ')}.`,
      { candidates: candidates(workflows) },
    )
  }
  const onBranch =
    branch === undefined ? matches : matches.filter((w) => w.sourceBranchName === branch)
  if (onBranch.length === 0) {
    throw new ToolError(
      'WorkflowNotFound',
      `Workflow ${label} is not on branch ${JSON.stringify(branch)}; it is on: ${branches(matches)}.`,
      { candidates: candidates(matches) },
    )
  }
  if (onBranch.length > 1) {
    throw new ToolError(
      'AmbiguousWorkflow',
      `Workflow ${label} is on several branches: ${branches(onBranch)}. Choose one with branch (or give workflowId).`,
      { candidates: candidates(onBranch) },
    )
  }
  return onBranch[0] as WorkflowSummary
}

// Two workflows of one name on one branch are told apart by their ids.
function branches(workflows: WorkflowSummary[]): string {
  const names = workflows.map((workflow) => workflow.sourceBranchName)
  if (new Set(names).size === names.length) return names.sort().join(', ')
  return workflows.map((workflow) => `${workflow.sourceBranchName} (${workflow.id})`).join(', ')
}

function tokenSecrets(options: CodeCatalystMcpServerOptions): string[] {
  const secrets = [...(options.secrets ?? [])]
  const token = options.clientOptions?.token
  if (typeof token === 'string') secrets.push(token)
  const fromEnv = globalThis.process?.env?.CODECATALYST_TOKEN
  if (fromEnv) secrets.push(fromEnv)
  return secrets
}

/**
 * An MCP server (the official SDK's `McpServer`) with every tool registered. Connect it to a
 * transport (`server.connect(transport)`), or use `serveStdio`/`createMcpHttpServer`.
 */
export function createCodeCatalystMcpServer(options: CodeCatalystMcpServerOptions = {}): McpServer {
  const client = options.client ?? createCodeCatalystClient(options.clientOptions)
  const wait = { ...defaults, ...options.wait }
  const secrets = tokenSecrets(options)
  const server = new McpServer(
    { name: serverName, version, title: 'Amazon CodeCatalyst workflow runs' },
    {
      capabilities: { tools: {} },
      instructions:
        'Tools for Amazon CodeCatalyst workflow runs in a space and project: list_workflows to find a workflow, start_workflow_run (by workflowName or workflowId), wait_for_workflow_run until it ends, get_workflow_run and list_workflow_runs to read runs.',
    },
  )
  const guard =
    (run: (args: Args, ctx: ServerContext) => Promise<CallToolResult>) =>
    async (args: Args, ctx: ServerContext): Promise<CallToolResult> => {
      try {
        return await run(args, ctx)
      } catch (error) {
        return failure(error, secrets)
      }
    }
  const handlers: Record<string, (args: Args, ctx: ServerContext) => Promise<CallToolResult>> = {
    start_workflow_run: async (args, ctx) => {
      const { workflowName, branch, ...input } = args as Args & {
        spaceName: string
        projectName: string
        workflowId?: string
        workflowName?: string
        branch?: string
      }
      if ((input.workflowId === undefined) === (workflowName === undefined)) {
        throw new ToolError('InvalidArguments', 'Give exactly one of workflowId and workflowName.')
      }
      if (branch !== undefined && workflowName === undefined) {
        throw new ToolError('InvalidArguments', 'branch goes with workflowName.')
      }
      const signal = ctx.mcpReq.signal
      if (workflowName !== undefined) {
        const where = { spaceName: input.spaceName, projectName: input.projectName }
        const workflow = await resolveWorkflow(client, where, workflowName, branch, signal)
        input.workflowId = workflow.id
      }
      const started = await client.startWorkflowRun(
        input as Parameters<CodeCatalystClient['startWorkflowRun']>[0],
        { signal },
      )
      return success(started, secrets)
    },
    wait_for_workflow_run: async (args, ctx) => {
      const { timeoutSeconds, pollIntervalSeconds, ...input } = args as Args & {
        spaceName: string
        projectName: string
        id: string
        timeoutSeconds?: number
        pollIntervalSeconds?: number
      }
      const progressToken = ctx.mcpReq._meta?.progressToken
      let progress = 0
      const run = await client.waitForWorkflowRun(input, {
        signal: ctx.mcpReq.signal,
        timeoutMs: (timeoutSeconds ?? wait.defaultTimeoutSeconds) * 1000,
        pollIntervalMs:
          pollIntervalSeconds === undefined ? wait.pollIntervalMs : pollIntervalSeconds * 1000,
        onUpdate: (update) => {
          if (progressToken === undefined) return
          progress += 1
          ctx.mcpReq
            .notify({
              method: 'notifications/progress',
              params: { progressToken, progress, message: `${update.status}` },
            })
            .catch(() => {})
        },
      })
      return success(run, secrets)
    },
  }

  for (const tool of toolDefinitions({ wait })) {
    const method = operationTools.find((candidate) => candidate.name === tool.name)?.method
    const handler =
      handlers[tool.name] ??
      (async (args: Args, ctx: ServerContext) => {
        const call = client[method as OperationTool['method']] as (
          input: Args,
          options: { signal: AbortSignal },
        ) => Promise<unknown>
        return success(await call(args, { signal: ctx.mcpReq.signal }), secrets)
      })
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: fromJsonSchema<Args>(tool.inputSchema as never),
        outputSchema: fromJsonSchema<Args>(tool.outputSchema as never),
        annotations: { title: tool.title, ...tool.annotations },
      },
      guard(handler) as never,
    )
  }
  return server
}
