// Test support: finds what the tests change in a parsed spec by operationId and names, so that
// the tests hold when the spec grows or moves a schema.

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document, walked freely.
export type SpecNode = Record<string, any>

export function resolve(spec: SpecNode, node: SpecNode): SpecNode {
  if (typeof node.$ref !== 'string') return node
  const target = node.$ref
    .slice(2)
    .split('/')
    .map((token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((parent: SpecNode, key: string) => parent[key], spec)
  return resolve(spec, target)
}

/** The path, method and operation object of an operationId. */
export function operation(spec: SpecNode, operationId: string) {
  for (const [path, item] of Object.entries<SpecNode>(spec.paths))
    for (const [method, op] of Object.entries<SpecNode>(item))
      if (op?.operationId === operationId) return { path, method, op }
  throw new Error(`no operation ${operationId} in the spec`)
}

export const getRun = (spec: SpecNode) => operation(spec, 'GetWorkflowRun').op

export const parameterSchema = (spec: SpecNode, name: string) =>
  resolve(spec, getRun(spec).parameters.find((p: SpecNode) => p.name === name).schema)

/** The schema of GetWorkflowRun's 200 response: the run. */
export const runSchema = (spec: SpecNode) =>
  resolve(spec, resolve(spec, getRun(spec).responses['200']).content['application/json'].schema)

export const statusSchema = (spec: SpecNode) => resolve(spec, runSchema(spec).properties.status)

/** The name under components/schemas of a schema object. */
export const componentName = (spec: SpecNode, schema: SpecNode) =>
  Object.entries<SpecNode>(spec.components.schemas).find(([, s]) => s === schema)?.[0]

/** The spec with the component schema `name` renamed to `to`, every reference included. */
export function renameComponent(spec: SpecNode, name: string, to: string): SpecNode {
  const renamed = JSON.parse(
    JSON.stringify(spec).replaceAll(
      `"#/components/schemas/${name}"`,
      `"#/components/schemas/${to}"`,
    ),
  )
  const schemas = Object.entries<SpecNode>(renamed.components.schemas)
  renamed.components.schemas = Object.fromEntries(
    schemas.map(([key, schema]) => [key === name ? to : key, schema]),
  )
  return renamed
}
