// The simulator's table of operations (apps/simulator/src/generated/operations.gen.ts): each
// operation's route, each input member's location and constraints, and the error name of each
// error status, which the simulator's request checks read.
import { at, type Member, resolveSchema, type SpecModel, type SpecNode } from './spec-reader.ts'
import { docComment, header } from './text.ts'

const constraints = ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'maxItems'] as const

/** One input member as the simulator checks it: where it travels and what the spec allows. */
function memberRule(document: SpecNode, member: Member): SpecNode {
  const { schema, where } = resolveSchema(document, member.schema)
  const rule: SpecNode = {
    name: member.name,
    location: member.location,
    required: member.required,
    type: schema.type,
  }
  for (const key of constraints) {
    if (schema[key] !== undefined) rule[key] = schema[key]
  }
  if (schema.type === 'array') {
    rule.items = resolveSchema(document, {
      node: schema.items,
      where: at(where, 'items'),
    }).schema.type
  }
  return rule
}

/** The text of the simulator's operations.gen.ts for a spec. */
export function emitSimulatorTable(model: SpecModel): string {
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
