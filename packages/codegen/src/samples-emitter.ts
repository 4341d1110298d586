// The code samples of the API reference page (`pnpm docs`) and of the client's REFERENCE.md, from
// the spec alone: per operation, TypeScript with @codecatalyst-runs/client (the method, the
// paginator of a paginated operation, the waiter of GetWorkflowRun), the CLI command where the CLI
// has one, and curl. Every value comes from the spec's examples of the operation's members.
//
// The samples are programs, not fragments: each TypeScript sample is a whole ES module and each
// shell sample a whole command, so that tests/docs can type-check and run exactly what the page
// shows. They read the token from CODECATALYST_TOKEN and the endpoint from CODECATALYST_ENDPOINT
// (the client and the CLI read both themselves; curl's URL falls back to the spec's server).
import { paginatorName } from './methods-emitter.ts'
import {
  followRef,
  type Member,
  type OperationModel,
  resolveSchema,
  SpecError,
  type SpecModel,
  type SpecNode,
  schemaName,
} from './spec-reader.ts'
import { lowerFirst } from './text.ts'

/** What a sample shows, and so how tests/docs proves it. */
export type SampleKind = 'method' | 'paginator' | 'waiter' | 'cli' | 'curl'

/** One code sample: an `x-codeSamples` entry (`lang`, `label`, `source`) and its kind. */
export interface CodeSample {
  readonly kind: SampleKind
  readonly lang: 'TypeScript' | 'Shell'
  readonly label: string
  readonly source: string
}

/** The samples of one operation, in the order the page shows them (the method first). */
export interface OperationSamples {
  readonly operationId: string
  readonly samples: readonly CodeSample[]
}

/** The package every TypeScript sample imports. */
export const clientPackage = '@codecatalyst-runs/client'

/**
 * The hand-written waiters of the client, by the operation they poll: the one operation behaviour
 * written by hand (packages/client/src/waiter.ts). It resolves with the operation's output once
 * its `status` is terminal, and calls `onUpdate` on each change.
 */
export const waiters: Readonly<Record<string, string>> = { GetWorkflowRun: 'waitForWorkflowRun' }

type Values = Readonly<Record<string, unknown>>

/**
 * The CLI's commands (apps/cli, hand-written) by the operation each one calls; an operation with
 * none has no CLI sample. A command that needs a value the examples do not give is left out.
 * `list` and `start` take the workflow by its id (the CLI also accepts its name), and `list`
 * asks for no more runs than the example page holds (see `pageLimit`).
 */
const cliCommands: Readonly<
  Record<string, ReadonlyArray<{ label: string; args: (v: Values, limit: number) => unknown[] }>>
> = {
  GetWorkflowRun: [
    { label: 'CLI', args: (v) => ['get', ...where(v), '--id', v.id] },
    { label: 'CLI: watch', args: (v) => ['watch', ...where(v), '--id', v.id, '--interval', '5s'] },
  ],
  ListWorkflowRuns: [
    {
      label: 'CLI',
      args: (v, limit) => ['list', ...where(v), '--workflow', v.workflowId, '--limit', limit],
    },
  ],
  StartWorkflowRun: [
    { label: 'CLI', args: (v) => ['start', ...where(v), '--workflow', v.workflowId] },
  ],
  ListWorkflows: [{ label: 'CLI', args: (v) => ['workflows', ...where(v)] }],
}

const where = (v: Values) => ['--space', v.spaceName, '--project', v.projectName]

const tokenComment =
  '# CODECATALYST_TOKEN: a personal access token\n# CODECATALYST_ENDPOINT (optional): another endpoint'

// ── example values ───────────────────────────────────────────────────────────────────────────

function firstNamed(examples: unknown, document: SpecNode): unknown {
  if (typeof examples !== 'object' || examples === null) return undefined
  const first = Object.values(examples)[0]
  if (typeof first !== 'object' || first === null) return undefined
  return followRef(document, first).value
}

function schemaExample(document: SpecNode, member: Member): unknown {
  const schema = resolveSchema(document, member.schema).schema
  return schema.example ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined)
}

/** The example value of each member that has one: its parameter's, its body's, or its schema's. */
export function exampleValues(model: SpecModel, operation: OperationModel): Map<string, unknown> {
  const { document } = model
  const node: SpecNode = document.paths[operation.path][operation.method]
  const parameters = ((node.parameters ?? []) as SpecNode[]).map((raw) => followRef(document, raw))
  const body =
    node.requestBody && followRef(document, node.requestBody).content?.['application/json']
  const bodyExample = body?.example ?? firstNamed(body?.examples, document)
  const values = new Map<string, unknown>()
  for (const member of operation.members) {
    let value: unknown
    if (member.location === 'body') {
      value = (bodyExample as SpecNode | undefined)?.[member.name]
    } else {
      const parameter = parameters.find((p) => p.name === member.name && p.in === member.location)
      value = parameter?.example ?? firstNamed(parameter?.examples, document)
    }
    value ??= schemaExample(document, member)
    if (value !== undefined) values.set(member.name, value)
  }
  return values
}

type Purpose = 'method' | 'paginator' | 'curl'

/**
 * The members a sample sets, with their example values: every required member (which must have an
 * example) and every optional one that has one, but never the pagination token (a first request
 * has none). The paginator leaves the page size to the paginator, and the TypeScript and CLI
 * samples leave the idempotency token to the client, which makes one per call.
 */
function sampleValues(model: SpecModel, operation: OperationModel, purpose: Purpose): Values {
  const examples = exampleValues(model, operation)
  const values: Record<string, unknown> = {}
  for (const member of operation.members) {
    if (member.name === operation.pagination?.inputToken) continue
    if (purpose === 'paginator' && member.name === operation.pagination?.pageSize) continue
    if (purpose !== 'curl' && member.name === operation.idempotencyToken) continue
    if (!examples.has(member.name)) {
      if (!member.required) continue
      throw new SpecError(
        member.where,
        `${member.name} is required and has no example: the docs' code samples take every value from the spec's examples`,
      )
    }
    values[member.name] = examples.get(member.name)
  }
  return values
}

/**
 * How many items the paginator and the CLI's `list` ask for: as many as the operation's first
 * example page holds (at least 1). Against `pnpm mock`, whose every page is that example, a
 * further page would send the same token back, which the client refuses as a loop.
 */
function pageLimit(model: SpecModel, operation: OperationModel): number {
  const node: SpecNode = model.document.paths[operation.path][operation.method]
  const success = followRef(model.document, node.responses['200']).content?.['application/json']
  const page = success?.example ?? firstNamed(success?.examples, model.document)
  const items = operation.pagination && (page as SpecNode | undefined)?.[operation.pagination.items]
  return Array.isArray(items) && items.length > 0 ? items.length : 1
}

// ── writing code ─────────────────────────────────────────────────────────────────────────────

const identifier = /^[A-Za-z_$][\w$]*$/

/** A JSON value as a TypeScript literal in the repo's style (single quotes, bare keys). */
export function tsLiteral(value: unknown, indent = ''): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[${value.map((item) => tsLiteral(item, indent)).join(', ')}]`
  }
  const entries = Object.entries(value)
  if (entries.length === 0) return '{}'
  const lines = entries.map(
    ([key, item]) =>
      `${inner}${identifier.test(key) ? key : tsLiteral(key)}: ${tsLiteral(item, inner)},`,
  )
  return `{\n${lines.join('\n')}\n${indent}}`
}

/** A word for the shell: as it is when it is safe, else in single quotes. */
export function shellWord(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`
}

const clientSetup = `import { createCodeCatalystClient } from '${clientPackage}'

// The token comes from CODECATALYST_TOKEN, the endpoint from
// CODECATALYST_ENDPOINT (else AWS's); or pass { token, baseUrl }.
const client = createCodeCatalystClient()
`

function outputVariable(operation: OperationModel): string {
  if (operation.pagination) return 'page'
  return operation.outputName.endsWith('Output') ? 'output' : lowerFirst(operation.outputName)
}

function methodSample(operation: OperationModel, values: Values): string {
  const name = outputVariable(operation)
  return `${clientSetup}
const ${name} = await client.${lowerFirst(operation.id)}(${tsLiteral(values)})
console.log(JSON.stringify(${name}, null, 2))
`
}

function paginatorSample(
  operation: OperationModel,
  paginator: string,
  item: string,
  values: Values,
  limit: number,
): string {
  const name = lowerFirst(item)
  return `${clientSetup}
// Every item of every page, one ${operation.id} call per page; maxItems stops early.
const input = ${tsLiteral(values)}
for await (const ${name} of client.${paginator}(input, { maxItems: ${limit} })) {
  console.log(JSON.stringify(${name}))
}
`
}

function waiterSample(waiter: string, values: Values): string {
  return `${clientSetup}
// Polls until the run's status is terminal (SUCCEEDED, FAILED, STOPPED, …) and resolves with it.
const input = ${tsLiteral(values)}
const run = await client.${waiter}(input, {
  pollIntervalMs: 5_000,
  timeoutMs: 30 * 60_000,
  onUpdate: (update) => console.log('now', update.status),
})
console.log(JSON.stringify(run, null, 2))
process.exitCode = run.status === 'SUCCEEDED' ? 0 : 1
`
}

function cliSample(args: readonly unknown[]): string {
  return `${tokenComment}\ncodecatalyst-runs ${args.map(shellWord).join(' ')}\n`
}

function curlSample(model: SpecModel, operation: OperationModel, values: Values): string {
  const at = (location: Member['location']) =>
    operation.members.filter((m) => m.location === location && m.name in values)
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(values[name])),
  )
  const query = at('query')
    .flatMap((member) => {
      const value = values[member.name]
      const list = Array.isArray(value) ? value : [value]
      return list.map((item) => `${member.name}=${encodeURIComponent(String(item))}`)
    })
    .join('&')
  const url = `\${CODECATALYST_ENDPOINT:-${model.server ?? ''}}${path}${query ? `?${query}` : ''}`
  const lines = [
    `curl --fail-with-body -sS -X ${operation.method.toUpperCase()} "${url}"`,
    `-H "Authorization: Bearer $CODECATALYST_TOKEN"`,
  ]
  const node: SpecNode = model.document.paths[operation.path][operation.method]
  if (node.requestBody !== undefined) {
    const body = Object.fromEntries(at('body').map((member) => [member.name, values[member.name]]))
    lines.push(`-H 'Content-Type: application/json'`, `-d ${shellWord(JSON.stringify(body))}`)
  }
  return `${tokenComment}\n${lines.join(' \\\n  ')}\n`
}

// ── the samples ──────────────────────────────────────────────────────────────────────────────

/** The paginator's name under the client's naming rule, and its item type. */
function paginatorOf(model: SpecModel, operation: OperationModel) {
  if (!operation.pagination) return undefined
  const output = resolveSchema(model.document, operation.output).schema
  const list = output.properties?.[operation.pagination.items]
  const item = schemaName({ node: list?.items, where: operation.where })
  return {
    name: paginatorName(operation.id),
    item: item ?? 'item',
  }
}

/** The samples of every operation of the spec, in the spec's order. */
export function emitSamples(model: SpecModel): OperationSamples[] {
  return model.operations.map((operation) => {
    const samples: CodeSample[] = []
    const typescript = (kind: SampleKind, label: string, source: string) =>
      samples.push({ kind, lang: 'TypeScript', label, source })
    const values = sampleValues(model, operation, 'method')
    typescript('method', 'TypeScript', methodSample(operation, values))
    const limit = pageLimit(model, operation)
    const paginator = paginatorOf(model, operation)
    if (paginator) {
      const pageValues = sampleValues(model, operation, 'paginator')
      const source = paginatorSample(operation, paginator.name, paginator.item, pageValues, limit)
      typescript('paginator', 'TypeScript: paginator', source)
    }
    const waiter = waiters[operation.id]
    if (waiter) typescript('waiter', 'TypeScript: waiter', waiterSample(waiter, values))
    for (const command of cliCommands[operation.id] ?? []) {
      const args = command.args(values, limit)
      if (args.some((arg) => arg === undefined)) continue
      samples.push({ kind: 'cli', lang: 'Shell', label: command.label, source: cliSample(args) })
    }
    const curl = curlSample(model, operation, sampleValues(model, operation, 'curl'))
    samples.push({ kind: 'curl', lang: 'Shell', label: 'curl', source: curl })
    return { operationId: operation.id, samples }
  })
}

/**
 * A copy of the document with each operation's samples as its `x-codeSamples` (what Redoc, Scalar
 * and most renderers show); the document itself is not changed.
 */
export function withCodeSamples(
  document: SpecNode,
  samples: readonly OperationSamples[],
): SpecNode {
  const copy: SpecNode = structuredClone(document)
  const byId = new Map(samples.map((entry) => [entry.operationId, entry.samples]))
  for (const item of Object.values((copy.paths ?? {}) as Record<string, SpecNode>)) {
    for (const operation of Object.values(item ?? {}) as SpecNode[]) {
      const entries = byId.get(operation?.operationId)
      if (!entries) continue
      operation['x-codeSamples'] = entries.map(({ lang, label, source }) => ({
        lang,
        label,
        source,
      }))
    }
  }
  return copy
}
