// packages/client/REFERENCE.md: the client's usage reference, for people and for coding agents
// reading the repo. One section per method (each operation's method, each paginator, the
// waiter): its signature, its input members with the spec's constraints, what it returns, its
// errors, and one example, the same program as the API reference page's TypeScript sample.
import { paginatorName } from './methods-emitter.ts'
import { emitSamples, type SampleKind, waiters } from './samples-emitter.ts'
import {
  followRef,
  type OperationModel,
  resolveSchema,
  type Site,
  type SpecModel,
  type SpecNode,
} from './spec-reader.ts'
import { header, lowerFirst } from './text.ts'

/** The first line of REFERENCE.md: the generator's header line, as a Markdown comment. */
export const referenceHeader = `<!-- ${header.replace(/^\/\/ /, '').trim()} -->\n`

const clean = (text: string | undefined): string =>
  (text ?? '').replace(/\s+/g, ' ').trim().replaceAll('|', '\\|')

/** A member's or a field's type as the client types it (`Date` for an output's date-time). */
function typeText(model: SpecModel, site: Site, output: boolean): string {
  const { schema, name } = resolveSchema(model.document, site)
  if (name && (schema.enum || schema.type === 'object')) return name
  if (schema.type === 'array') {
    const item = typeText(model, { node: schema.items, where: `${site.where}.items` }, output)
    return `${item}[]`
  }
  if (schema.type === 'string' && schema.format === 'date-time') return output ? 'Date' : 'string'
  if (schema.type === 'integer' || schema.type === 'number') return 'number'
  if (schema.type === 'object') return 'object'
  return typeof schema.type === 'string' ? schema.type : 'unknown'
}

function constraints(model: SpecModel, site: Site): string {
  const { schema } = resolveSchema(model.document, site)
  const parts: string[] = []
  const range = (low: unknown, high: unknown, unit: string) => {
    const units = (count: unknown) => (unit && count !== 1 ? `${unit}s` : unit)
    if (low !== undefined && high !== undefined) parts.push(`${low}–${high}${units(high)}`)
    else if (low !== undefined) parts.push(`at least ${low}${units(low)}`)
    else if (high !== undefined) parts.push(`at most ${high}${units(high)}`)
  }
  range(schema.minLength, schema.maxLength, ' character')
  range(schema.minimum, schema.maximum, '')
  range(schema.minItems, schema.maxItems, ' item')
  if (typeof schema.pattern === 'string') parts.push(`\`${schema.pattern}\``)
  if (schema.format === 'date-time') parts.push('date-time')
  return clean(parts.join(', '))
}

function inputTable(model: SpecModel, operation: OperationModel, skip: readonly string[]): string {
  const rows = operation.members
    .filter((member) => !skip.includes(member.name))
    .map((member) => {
      const note =
        member.name === operation.idempotencyToken
          ? ' The client makes one (a UUID v4) when you give none, and sends it on every attempt.'
          : ''
      return `| \`${member.name}\` | \`${typeText(model, member.schema, false)}\` | ${member.required ? 'yes' : 'no'} | ${member.location} | ${constraints(model, member.schema)} | ${clean(member.description)}${note} |`
    })
  if (rows.length === 0) return 'No members.\n'
  return `| member | type | required | sent in | constraints | description |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`
}

function fieldsTable(model: SpecModel, site: Site, alwaysItems?: string): string {
  const { schema, where } = resolveSchema(model.document, site)
  const required: unknown[] = schema.required ?? []
  const rows = Object.entries((schema.properties ?? {}) as SpecNode).map(([name, node]) => {
    const field = { node, where: `${where}.properties.${name}` }
    const description = resolveSchema(model.document, field).schema.description
    const always =
      name === alwaysItems ? 'yes (`[]` when none)' : required.includes(name) ? 'yes' : 'no'
    return `| \`${name}\` | \`${typeText(model, field, true)}\` | ${always} | ${clean(description)} |`
  })
  if (rows.length === 0) return 'No fields.\n'
  return `| field | type | always there | description |\n|---|---|---|---|\n${rows.join('\n')}\n`
}

/** The errors the spec models for the operation: name, status, retryable, description. */
function errorsOf(model: SpecModel, operation: OperationModel) {
  const node: SpecNode = model.document.paths[operation.path][operation.method]
  return Object.entries((node.responses ?? {}) as SpecNode)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, raw]) => {
      const response = followRef(model.document, raw)
      const header = response.headers?.['x-amzn-errortype']
      const name: string = header ? followRef(model.document, header).example : ''
      const error = model.errors.find((candidate) => candidate.name === name)
      return {
        name,
        status: Number(status),
        retryable: error?.retryable ?? false,
        description: error?.description ?? name,
      }
    })
}

const clientErrors =
  "Besides these, every method can throw the client's own errors: `CodeCatalystInputError` (an input breaks a constraint above; nothing is sent), `CodeCatalystServiceError` (any other error answer, 401 and 5xx included), `CodeCatalystConnectionError`, `CodeCatalystTimeoutError`, `CodeCatalystAbortError` (your `signal`) and `CodeCatalystResponseError` (a 2xx body that breaks the spec). See [Errors](README.md#errors)."

function errorsTable(model: SpecModel, operation: OperationModel): string {
  const rows = errorsOf(model, operation).map(
    (error) =>
      `| \`${error.name}\` | ${error.status} | ${error.retryable || error.status === 429 ? 'yes' : 'no'} | ${clean(error.description)} |`,
  )
  return `| class | status | retried | when |\n|---|---|---|---|\n${rows.join('\n')}\n\n${clientErrors}\n`
}

const example = (source: string | undefined) =>
  source ? `**Example**\n\n\`\`\`ts\n${source.trimEnd()}\n\`\`\`\n` : ''

/** The text of REFERENCE.md for a spec. */
export function emitReference(model: SpecModel): string {
  const samples = new Map(
    emitSamples(model).map((entry) => [
      entry.operationId,
      (kind: SampleKind) => entry.samples.find((sample) => sample.kind === kind)?.source,
    ]),
  )
  const sections: { name: string; text: string }[] = []
  for (const operation of model.operations) {
    const sample = samples.get(operation.id)
    const method = lowerFirst(operation.id)
    const input = `${operation.id}Input`
    const traits = [
      operation.readonly && 'read-only',
      operation.idempotent && 'idempotent',
      (operation.readonly || operation.idempotent) && 'retried after a lost connection too',
    ].filter(Boolean)
    const doc =
      operation.description && operation.description !== operation.summary
        ? `${operation.summary}\n\n${operation.description}`
        : operation.summary
    sections.push({
      name: method,
      text: `${doc}

\`\`\`ts
client.${method}(input: ${input}, options?: RequestOptions): Promise<${operation.outputName}>
\`\`\`

\`${operation.method.toUpperCase()} ${operation.path}\` (${operation.id}${traits.length ? `; ${traits.join(', ')}` : ''}). Also \`${method}(core, input, options?)\`. \`options\`: \`{ signal, timeoutMs }\`.

**Input** (\`${input}\`)

${inputTable(model, operation, [])}
**Returns** \`Promise<${operation.outputName}>\`

${fieldsTable(model, operation.output, operation.pagination?.items)}
**Errors**

${errorsTable(model, operation)}
${example(sample?.('method'))}`,
    })
    if (operation.pagination) {
      const { inputToken, items } = operation.pagination
      const name = paginatorName(operation.id)
      const output = resolveSchema(model.document, operation.output)
      const itemSite = {
        node: output.schema.properties?.[items]?.items,
        where: `${output.where}.properties.${items}.items`,
      }
      const item = typeText(model, itemSite, true)
      sections.push({
        name,
        text: `Every item of every page of ${operation.id}, in the service's order: one \`${method}\` call per page, each sending the \`${inputToken}\` the page before returned, until a page has none.

\`\`\`ts
client.${name}(input: ${input}, options?: PaginateOptions): AsyncIterable<${item}>
\`\`\`

Also \`${name}(core, input, options?)\`. \`options\`: \`{ maxItems, signal }\`: stop after \`maxItems\` items (with no \`${operation.pagination.pageSize}\` of yours, each request asks for no more than are still wanted); abort with \`signal\`.

**Input** (\`${input}\`, without \`${inputToken}\`, which the paginator sends)

${inputTable(model, operation, [inputToken])}
**Yields** \`${item}\`

${fieldsTable(model, itemSite, undefined)}
**Errors**: those of [\`${method}\`](#${method.toLowerCase()}), thrown by the iteration; and \`CodeCatalystResponseError\` (field \`${inputToken}\`) when the service returns a token a second time, instead of looping.

${example(sample?.('paginator'))}`,
      })
    }
    const waiter = waiters[operation.id]
    if (waiter) {
      sections.push({
        name: waiter,
        text: `Polls ${operation.id} until the status is terminal (\`isTerminalStatus\`: SUCCEEDED, FAILED, STOPPED, SUPERSEDED, CANCELLED, NOT_RUN, ABANDONED) and resolves with that last answer, whatever the status: you decide what FAILED means.

\`\`\`ts
client.${waiter}(input: ${input}, options?: WaitOptions): Promise<${operation.outputName}>
\`\`\`

Also \`${waiter}(core, input, options?)\`. \`options\`: \`pollIntervalMs\` (mean time between polls, default 5 000, each wait drawn within ±20 %), \`timeoutMs\` (default 30 minutes; \`Infinity\` waits for ever), \`signal\`, \`onUpdate(${lowerFirst(operation.outputName)})\` (called on each status change, the first answer included), \`coalesce\` (default \`true\`: concurrent waits of one client on runs of one project share their polls, reading ListWorkflowRuns pages instead of one GetWorkflowRun per run; a wait alone costs the same either way; \`false\` keeps this wait on its own GetWorkflowRun polls).

**Input** (\`${input}\`): as [\`${method}\`](#${method.toLowerCase()}).

**Returns** \`Promise<${operation.outputName}>\`: as [\`${method}\`](#${method.toLowerCase()}).

**Errors**: \`CodeCatalystWaitTimeoutError\` (with \`lastRun\`, and as \`cause\` the failure that kept the last polls from answering, if any) when \`timeoutMs\` runs out; \`CodeCatalystAbortError\` for your \`signal\`; and any error of [\`${method}\`](#${method.toLowerCase()}) that is not retryable (404, 403, validation, …). A poll that fails with a retryable error is followed by the next one, backing off, until the deadline.

${example(sample?.('waiter'))}`,
      })
      sections.push({
        name: 'watchWorkflowRuns',
        text: `Follows many runs of one project with the shared polls of \`${waiter}\` and yields each run every time its status changes (the first answer included), until every run has a terminal status. Hand-written behaviour, like the waiter; see the README for what it costs.

\`\`\`ts
client.watchWorkflowRuns(input: WatchWorkflowRunsInput, options?: WatchOptions): AsyncIterable<${operation.outputName}>
\`\`\`

Also \`watchWorkflowRuns(core, input, options?)\`. \`input\`: \`spaceName\`, \`projectName\`, and \`ids\` (the runs to follow) or \`workflowId\` (without \`ids\`: every run of that workflow whose status is not terminal when the watch starts). \`options\`: \`pollIntervalMs\`, \`timeoutMs\` (per run), \`signal\`; \`break\` ends the watch and its polls.

**Errors**: as [\`${waiter}\`](#${waiter.toLowerCase()}), thrown by the iteration.`,
      })
    }
  }
  const contents = sections.map(({ name }) => `- [\`${name}\`](#${name.toLowerCase()})`).join('\n')
  const body = sections.map(({ name, text }) => `## ${name}\n\n${text.trimEnd()}\n`).join('\n')
  return `${referenceHeader}
# @codecatalyst-runs/client: usage reference

One section per method of the client, generated from \`spec/codecatalyst.openapi.yaml\` by
\`pnpm generate\` (the codegen package's \`reference-emitter.ts\`): its signature, its input with
the spec's constraints (checked before anything is sent), what it returns (every timestamp a
\`Date\`, enums open to values the service adds later), its errors and one example. Every example
is the TypeScript sample of the API reference page (\`pnpm docs\`), which \`tests/docs\`
type-checks against the built client and runs against the Prism mock of the spec.

\`\`\`ts
import { createCodeCatalystClient } from '${'@codecatalyst-runs/client'}'
const client = createCodeCatalystClient({ token, baseUrl }) // defaults: CODECATALYST_TOKEN, CODECATALYST_ENDPOINT
\`\`\`

The client's options, retries, timeouts and errors are in the [README](README.md).

${contents}

${body}`
}
