// The spec as test and tool code reads it: parsed once, with the few lookups they all need.
// Parsing and `$ref`s are the codegen package's spec reader, the one the generator reads with.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import {
  followRef,
  listOperations,
  readSpecFile,
  type SpecNode,
  type SpecOperation,
} from '@codecatalyst-runs/codegen/spec-reader'
import { Ajv2020 } from 'ajv/dist/2020.js'

export type { SpecNode, SpecOperation }

export const specPath = fileURLToPath(
  new URL('../../../spec/codecatalyst.openapi.yaml', import.meta.url),
)

export const spec: SpecNode = readSpecFile(specPath)

/** Every operation of the spec, in the spec's order. */
export const operations: readonly SpecOperation[] = listOperations(spec)

export function operationById(id: string): SpecOperation {
  const found = operations.find((operation) => operation.id === id)
  if (!found) throw new Error(`The spec has no operation ${id}`)
  return found
}

/** GetWorkflowRun, the first operation, which many tests are about. */
export const operation: SpecNode = operationById('GetWorkflowRun').node

/** Follows a local `$ref` (`#/components/…`, or a pointer into a schema's properties). */
export function resolveRef(node: SpecNode): SpecNode {
  return followRef(spec, node)
}

/** The operation's input as its parameter and body examples give it, e.g. for GetWorkflowRun. */
export function exampleInput(id: string): Record<string, unknown> {
  const { node } = operationById(id)
  const input: Record<string, unknown> = {}
  for (const parameter of node.parameters ?? []) {
    if (parameter.required) input[parameter.name] = parameter.example
  }
  return input
}

/** The named examples of a response of an operation: [['succeeded', {…}], …]. */
export function responseExamples(status: string, id = 'GetWorkflowRun'): Array<[string, SpecNode]> {
  const { examples } = resolveRef(operationById(id).node.responses[status]).content[
    'application/json'
  ]
  return Object.entries(examples as SpecNode).map(([name, example]) => [name, example.value])
}

/** The operation's error responses as the spec declares them (the first example of each). */
export function errorResponses(id = 'GetWorkflowRun'): Array<{
  status: number
  name: string
  requestId: string
  message: string
}> {
  return Object.entries(operationById(id).node.responses as SpecNode)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, ref]) => {
      const response = resolveRef(ref)
      return {
        status: Number(status),
        name: response.headers['x-amzn-errortype'].example,
        requestId: resolveRef(response.headers['x-amzn-requestid']).example,
        message: (Object.values(response.content['application/json'].examples)[0] as SpecNode).value
          .message,
      }
    })
}

/** The operation's error response for `status` (see errorResponses); throws when the spec has none. */
export function errorResponse(
  status: number,
  id = 'GetWorkflowRun',
): ReturnType<typeof errorResponses>[number] {
  const found = errorResponses(id).find((response) => response.status === status)
  if (!found) throw new Error(`The spec gives ${id} no ${status} response`)
  return found
}

/** The `$ref` of the operation's 200 body schema, e.g. `#/components/schemas/GetWorkflowRunResponse`. */
export function outputSchemaRef(id: string): string {
  return operationById(id).node.responses['200'].content['application/json'].schema.$ref
}

/**
 * What the client should return for a wire body, worked out from the spec alone (not from the
 * generated code): the schema's members only, date-times as `Date`s, null as absent, and the
 * items of a paginated operation as `[]` when absent.
 */
export function expectedOutput(id: string, wire: unknown): unknown {
  const { node } = operationById(id)
  const itemsMember = node['x-smithy-paginated']?.items
  return convert({ $ref: outputSchemaRef(id) }, wire, itemsMember)
}

function convert(schemaNode: SpecNode, value: unknown, listMember?: string): unknown {
  const schema = resolveRef(schemaNode)
  if (schema.type === 'string' && schema.format === 'date-time') return new Date(value as string)
  if (schema.type === 'array') {
    return (value as unknown[])
      .filter((item) => item !== null)
      .map((item) => convert(schema.items, item))
  }
  if (schema.type === 'object' && schema.properties) {
    const record = value as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(schema.properties as SpecNode)) {
      if (record[key] === undefined || record[key] === null) {
        if (key === listMember) out[key] = []
        continue
      }
      out[key] = convert(child, record[key])
    }
    return out
  }
  return value
}

/** Every date-time member of a schema, as JSON paths relative to it (`items[].startTime`). */
export function dateTimePaths(schemaNode: SpecNode, prefix = ''): string[] {
  const schema = resolveRef(schemaNode)
  if (schema.type === 'string' && schema.format === 'date-time') return [prefix]
  if (schema.type === 'array') return dateTimePaths(schema.items, `${prefix}[]`)
  if (schema.type !== 'object') return []
  return Object.entries((schema.properties ?? {}) as SpecNode).flatMap(([key, child]) =>
    dateTimePaths(child, prefix === '' ? key : `${prefix}.${key}`),
  )
}

// ajv-formats is CommonJS whose module.exports is the plugin itself.
const addFormats: typeof import('ajv-formats').default = createRequire(import.meta.url)(
  'ajv-formats',
)

/**
 * A JSON Schema 2020-12 validator (the spec's dialect) that knows the whole spec as `spec`, so
 * that `{ $ref: 'spec#/components/schemas/…' }` or any JSON pointer into it can be compiled.
 */
export function specValidator(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(spec, 'spec')
  return ajv
}
