// packages/mcp/src/generated/tools.gen.ts: one MCP tool per operation of the spec, for the
// `@codecatalyst-runs/mcp` server. Each tool is data: its name, title, description, input and
// output JSON Schemas (2020-12, every `$ref` inlined), annotations, and the client method that
// runs it. The server (hand-written) turns them into tools; nothing here is per-operation code,
// so an operation added to the spec is a tool with no hand-written file.
//
// The rule (stated in the mcp package's README):
// - name: the operationId in snake_case (`GetWorkflowRun` → `get_workflow_run`); title: its words;
// - description: the spec's summary, then its description when it says more (as the client's doc);
// - method: the client's method, by the client's naming rule (the operationId in lowerCamelCase);
// - inputSchema: the client's input (path and query parameters, then body members, flat) as an
//   object with `additionalProperties: false`, each member's schema with its constraints, enums,
//   description and example (as `examples`); OpenAPI's `example` and `x-*` keys are not JSON
//   Schema and are left out;
// - outputSchema: the 200 answer's schema as the client returns it, timestamps as RFC 3339
//   strings, types without value constraints; response enums are open (AWS adds values), so
//   their values go into the description and not into `enum`, which would make a client refuse
//   an answer with a new status;
// - annotations: `readOnlyHint` from `x-smithy-readonly`, `idempotentHint` from
//   `x-smithy-idempotent` (a read is idempotent too), `destructiveHint` only for a DELETE (the
//   spec has no destructive trait; Smithy has none), `openWorldHint` (a remote service).
import {
  at,
  followRef,
  type OperationModel,
  resolveSchema,
  type Site,
  SpecError,
  type SpecModel,
  type SpecNode,
} from './spec-reader.ts'
import { header, lowerFirst } from './text.ts'

const dialect = 'https://json-schema.org/draft/2020-12/schema'

/** The tool name of an operation id: snake_case (`GetWorkflowRun` → `get_workflow_run`). */
export function toolName(operationId: string): string {
  return operationId
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
}

/** The tool's title: the operation id's words, the first capitalised (`Get workflow run`). */
export function toolTitle(operationId: string): string {
  const words = toolName(operationId).split('_').join(' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

// JSON Schema keywords kept from a member's or an answer's schema (OpenAPI 3.1 schemas are JSON
// Schema 2020-12, plus `example`, `discriminator`, `xml` and extensions, which are dropped).
const kept = new Set([
  'type',
  'description',
  'enum',
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'default',
  'examples',
])

// An answer's schema keeps its types, not its value constraints: the client checks an answer's
// types and passes its values through (a project named with 1 or 2 characters, which the input
// allows, comes back in a NameString of at least 3), and an MCP client refuses a result that
// breaks the outputSchema.
const outputLeftOut = [
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
]

interface Direction {
  /** Input enums are closed (the service refuses other values); output enums are open. */
  readonly output: boolean
}

/** A schema with every `$ref` inlined, JSON Schema keywords only. */
function inline(
  model: SpecModel,
  site: Site,
  direction: Direction,
  seen: readonly string[] = [],
): SpecNode {
  const resolved = resolveSchema(model.document, site)
  if (resolved.name !== undefined && seen.includes(resolved.name)) {
    throw new SpecError(site.where, `${resolved.name} contains itself: a tool's schema is inlined`)
  }
  const path = resolved.name === undefined ? seen : [...seen, resolved.name]
  const out: SpecNode = {}
  for (const [key, value] of Object.entries(resolved.schema)) {
    if (!kept.has(key)) continue
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as SpecNode).map(([name, node]) => [
          name,
          inline(
            model,
            { node, where: at(at(resolved.where, 'properties'), name) },
            direction,
            path,
          ),
        ]),
      )
    } else if (key === 'items') {
      out.items = inline(
        model,
        { node: value, where: at(resolved.where, 'items') },
        direction,
        path,
      )
    } else if (key === 'additionalProperties' && typeof value === 'object') {
      out.additionalProperties = inline(
        model,
        { node: value, where: at(resolved.where, key) },
        direction,
        path,
      )
    } else {
      out[key] = value
    }
  }
  if (direction.output) for (const key of outputLeftOut) delete out[key]
  if (direction.output && Array.isArray(out.enum)) {
    const values = out.enum.join(', ')
    delete out.enum
    const said = typeof out.description === 'string' ? `${out.description.trim()} ` : ''
    out.description = `${said}Known values: ${values}; others may come.`
  }
  return out
}

/** One generated tool, as data. */
export interface ToolModel {
  readonly name: string
  readonly title: string
  readonly description: string
  readonly operationId: string
  readonly method: string
  readonly inputSchema: SpecNode
  readonly outputSchema: SpecNode
  readonly annotations: {
    readonly readOnlyHint: boolean
    readonly destructiveHint: boolean
    readonly idempotentHint: boolean
    readonly openWorldHint: boolean
  }
}

function inputSchemaOf(model: SpecModel, operation: OperationModel): SpecNode {
  const properties: SpecNode = {}
  for (const member of operation.members) {
    const schema = inline(model, member.schema, { output: false })
    const declared = followParameter(model, operation, member.where)
    const description = member.description ?? schema.description
    const { description: _, ...rest } = schema
    properties[member.name] = {
      ...(description !== undefined && { description: description.trim() }),
      ...rest,
      ...(declared?.example !== undefined && { examples: [declared.example] }),
    }
  }
  const required = operation.members.filter((member) => member.required).map((m) => m.name)
  return {
    $schema: dialect,
    type: 'object',
    properties,
    ...(required.length > 0 && { required }),
    additionalProperties: false,
  }
}

// A parameter's own object (for its `example`); undefined for a body member.
function followParameter(
  model: SpecModel,
  operation: OperationModel,
  where: string,
): SpecNode | undefined {
  const match = /\.parameters\[(\d+)\]$/.exec(where)
  if (!match) return undefined
  const path = model.document.paths?.[operation.path]?.[operation.method]
  const raw: SpecNode | undefined = path?.parameters?.[Number(match[1])]
  return raw === undefined ? undefined : followRef(model.document, raw, where)
}

function outputSchemaOf(model: SpecModel, operation: OperationModel): SpecNode {
  const schema = inline(model, operation.output, { output: true })
  if (schema.type !== 'object') {
    throw new SpecError(
      operation.output.where,
      "a tool's output schema must be an object (MCP's structuredContent)",
    )
  }
  return { $schema: dialect, ...schema }
}

function describe(operation: OperationModel): string {
  let text =
    operation.description && operation.description !== operation.summary
      ? `${operation.summary}\n\n${operation.description}`
      : operation.summary
  if (operation.idempotencyToken) {
    text += `\n\nRepeating a call with the same \`${operation.idempotencyToken}\` has no further effect; without one, each call is a new request (the client makes one token per call and sends it on every retry).`
  }
  return text
}

/** The tools of a spec, in the spec's order; refuses two operations of one tool name. */
export function readTools(model: SpecModel): ToolModel[] {
  const names = new Map<string, string>()
  return model.operations.map((operation) => {
    const name = toolName(operation.id)
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
      throw new SpecError(
        at(operation.where, 'operationId'),
        `${name} is not a tool name MCP clients accept (1 to 64 of A-Z a-z 0-9 _ . -)`,
      )
    }
    const before = names.get(name)
    if (before !== undefined) {
      throw new SpecError(operation.where, `two operations give the tool ${name}: ${before} too`)
    }
    names.set(name, operation.where)
    return {
      name,
      title: toolTitle(operation.id),
      description: describe(operation),
      operationId: operation.id,
      method: lowerFirst(operation.id),
      inputSchema: inputSchemaOf(model, operation),
      outputSchema: outputSchemaOf(model, operation),
      annotations: {
        readOnlyHint: operation.readonly,
        destructiveHint: !operation.readonly && operation.method === 'delete',
        idempotentHint: operation.readonly || operation.idempotent,
        openWorldHint: true,
      },
    }
  })
}

/** The text of the mcp package's tools.gen.ts. */
export function emitMcpTools(model: SpecModel): string {
  const tools = readTools(model)
  let code = header
  code += "\nimport type { OperationTool } from '../operation-tool.js'\n\n"
  code += "/** One tool per operation of the spec, in the spec's order. */\n"
  code += `export const operationTools: readonly OperationTool[] = ${JSON.stringify(tools, null, 2)}\n`
  return code
}
