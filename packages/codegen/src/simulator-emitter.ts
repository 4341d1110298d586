// The simulator's table of operations (apps/simulator/src/generated/operations.gen.ts): each
// operation's route, each input member's location and constraints, and the error name of each
// error status, which the simulator's request checks read.
import {
  at,
  followRefAt,
  type Member,
  type OperationModel,
  resolveSchema,
  type Site,
  SpecError,
  type SpecModel,
  type SpecNode,
} from './spec-reader.ts'
import { docComment, header } from './text.ts'

const constraints = ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'maxItems'] as const
const checkedTypes = ['string', 'integer', 'array', 'object']

// Keywords that say nothing a request can break: the simulator has nothing to check for them.
const annotations = new Set(['type', 'description', 'title', 'example', 'examples', 'deprecated'])

// What else each type of value may say, which the simulator's request check reads.
const structural: Readonly<Record<string, readonly string[]>> = {
  string: ['enum'],
  integer: [],
  array: ['items'],
  object: ['properties', 'required'],
}

/**
 * Refuses a keyword of a value's schema that the simulator's request check does not know: a
 * constraint left out of the table would be a request the simulator lets through.
 */
function refuseUnchecked(schema: SpecNode, where: string, known: ReadonlySet<string>) {
  for (const key of Object.keys(schema)) {
    if (known.has(key) || annotations.has(key) || key.startsWith('x-')) continue
    // int32 says no more than a range within it, which the spec's integer members all give.
    if (
      key === 'format' &&
      schema.format === 'int32' &&
      schema.minimum >= -(2 ** 31) &&
      schema.maximum <= 2 ** 31 - 1
    )
      continue
    throw new SpecError(
      where,
      `the simulator cannot check "${key}" of an input member; teach apps/simulator/src/request-rules.ts and this emitter to`,
    )
  }
}

/**
 * A value as the simulator checks it: its type and constraints, an enum's values, a list's item
 * and a structure's members. A structure that contains itself is refused: the table is data.
 */
function valueRule(document: SpecNode, site: Site, within: readonly string[] = []): SpecNode {
  const { schema, where, name } = resolveSchema(document, site)
  if (name !== undefined && within.includes(name)) {
    throw new SpecError(where, `the simulator cannot check ${name}, which contains itself`)
  }
  const inside = name === undefined ? within : [...within, name]
  if (!checkedTypes.includes(schema.type)) {
    throw new SpecError(
      where,
      `the simulator checks input values of type ${checkedTypes.join(', ')}, not ${JSON.stringify(schema.type)}`,
    )
  }
  refuseUnchecked(schema, where, new Set([...constraints, ...(structural[schema.type] ?? [])]))
  const rule: SpecNode = { type: schema.type }
  for (const key of constraints) {
    if (schema[key] !== undefined) rule[key] = schema[key]
  }
  if (schema.enum !== undefined) {
    if (!schema.enum.every((value: unknown) => typeof value === 'string')) {
      throw new SpecError(where, 'the simulator checks enums of strings only')
    }
    rule.enum = schema.enum
  }
  if (schema.type === 'array') {
    rule.items = valueRule(document, { node: schema.items, where: at(where, 'items') }, inside)
  }
  if (schema.type === 'object') {
    const required: string[] = schema.required ?? []
    rule.members = Object.entries((schema.properties ?? {}) as SpecNode).map(([key, node]) => ({
      name: key,
      required: required.includes(key),
      ...valueRule(document, { node, where: at(at(where, 'properties'), key) }, inside),
    }))
  }
  return rule
}

/** One input member as the simulator checks it: where it travels and what the spec allows. */
function memberRule(document: SpecNode, member: Member): SpecNode {
  return {
    name: member.name,
    location: member.location,
    required: member.required,
    ...valueRule(document, member.schema),
  }
}

// What a parameter object and a request body may say besides their schema: nothing a request can
// break that the simulator would not check.
const parameterKeys = new Set([
  'name',
  'in',
  'required',
  'description',
  'schema',
  'example',
  'examples',
  'deprecated',
])
const bodySchemaKeys = new Set(['properties', 'required'])

/**
 * Refuses what the operation says of its parameters and body outside the members' schemas that
 * the simulator would not check: a parameter's `style` or `allowEmptyValue`, a body schema's
 * `additionalProperties`.
 */
function refuseUncheckedOperation(document: SpecNode, operation: OperationModel) {
  const where = at(at('paths', operation.path), operation.method)
  const node: SpecNode = document.paths?.[operation.path]?.[operation.method] ?? {}
  ;((node.parameters ?? []) as SpecNode[]).forEach((raw, index) => {
    const slot = at(at(where, 'parameters'), index)
    const parameter = followRefAt(document, { node: raw, where: slot })
    for (const key of Object.keys(parameter.node)) {
      if (parameterKeys.has(key) || key.startsWith('x-')) continue
      throw new SpecError(
        parameter.where,
        `the simulator cannot check "${key}" of a parameter; teach apps/simulator/src/request-rules.ts and this emitter to`,
      )
    }
  })
  if (node.requestBody === undefined) return
  const body = followRefAt(document, { node: node.requestBody, where: at(where, 'requestBody') })
  // A required body needs no check of its own: Smithy's restJson1 servers read an absent body as
  // an empty structure, as the simulator does, and each required member of it is then missing.
  const schema = body.node.content?.['application/json']?.schema
  if (schema === undefined) return
  const resolved = resolveSchema(document, {
    node: schema,
    where: at(at(at(body.where, 'content'), 'application/json'), 'schema'),
  })
  refuseUnchecked(resolved.schema, resolved.where, bodySchemaKeys)
}

/** The text of the simulator's operations.gen.ts for a spec. */
export function emitSimulatorTable(model: SpecModel): string {
  for (const operation of model.operations) refuseUncheckedOperation(model.document, operation)
  const table = model.operations.map((operation) => ({
    id: operation.id,
    method: operation.method.toUpperCase(),
    path: operation.path,
    members: operation.members.map((member) => memberRule(model.document, member)),
  }))
  const errorNames = Object.fromEntries([...model.errorNames].sort(([a], [b]) => a - b))
  return (
    `${header}\nimport type { OperationRules } from '../request-rules.ts'\n\n` +
    docComment(
      "Every operation of the spec as the simulator routes and checks a request of it: the method, the path template, and each input member's location and constraints.",
    ) +
    `export const operations = ${JSON.stringify(table, null, 2)} as const satisfies readonly OperationRules[]\n\n` +
    docComment('The name of an operation of the spec.') +
    "export type OperationId = (typeof operations)[number]['id']\n\n" +
    docComment('The error the spec names for each error status (`x-amzn-errortype`).') +
    `export const errorNames: Readonly<Record<number, string>> = ${JSON.stringify(errorNames, null, 2)}\n`
  )
}
