// Test support: finds what the tests change in a parsed spec by operationId and names, so that
// the tests hold when the spec grows or moves a schema.

import { followRef, listOperations, type SpecNode } from '@codecatalyst-runs/codegen/spec-reader'

export type { SpecNode }

/** `node` with its `$ref`s followed (the codegen package's reader). */
export function resolve(spec: SpecNode, node: SpecNode): SpecNode {
  return followRef(spec, node)
}

/** The path, method and operation object of an operationId. */
export function operation(spec: SpecNode, operationId: string) {
  const found = listOperations(spec).find((candidate) => candidate.id === operationId)
  if (!found) throw new Error(`no operation ${operationId} in the spec`)
  return { path: found.path, method: found.method, op: found.node }
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
