// The spec as test and tool code reads it: parsed once, with the few lookups they all need.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { parse } from 'yaml'

export const specPath = fileURLToPath(new URL('../spec/codecatalyst.openapi.yaml', import.meta.url))

// biome-ignore lint/suspicious/noExplicitAny: the parsed YAML document is untyped; callers walk it freely.
export type SpecNode = Record<string, any>

export const spec: SpecNode = parse(readFileSync(specPath, 'utf8'))
export const operationPath = '/v1/spaces/{spaceName}/projects/{projectName}/workflowRuns/{id}'
export const operation: SpecNode = spec.paths[operationPath].get

/** Follows a local `$ref` (`#/components/…`, or a pointer into a schema's properties). */
export function resolveRef(node: SpecNode): SpecNode {
  if (typeof node.$ref !== 'string') return node
  return resolveRef(
    node.$ref
      .slice(2)
      .split('/')
      .reduce((parent: SpecNode, key: string) => parent[key], spec),
  )
}

/** The named examples of a response of the operation: [['succeeded', {…}], …]. */
export function responseExamples(status: string): Array<[string, SpecNode]> {
  const { examples } = resolveRef(operation.responses[status]).content['application/json']
  return Object.entries(examples as SpecNode).map(([name, example]) => [name, example.value])
}

/** The operation's error responses as the spec declares them. */
export function errorResponses(): Array<{
  status: number
  name: string
  requestId: string
  message: string
}> {
  return Object.entries(operation.responses as SpecNode)
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
