// methods.gen.ts and client-methods.gen.ts: the client's public surface per operation, from the
// spec alone. One function per operation over the core, a paginator for every operation with
// `x-smithy-paginated`, the public names of their types, and the methods of the client.
//
// The naming rule (stated in the client's README): function and method = the operationId in
// lowerCamelCase; paginator = `paginate` + the operationId without a leading `List`; input type
// = `<operationId>Input`; output type = `<operationId>Output`, or the operation's
// `x-codecatalyst-output-name`; a paginator's item type keeps its schema's name.
import {
  at,
  type OperationModel,
  resolveSchema,
  SpecError,
  type SpecModel,
  schemaName,
} from './spec-reader.ts'
import { docComment, header, lowerFirst } from './text.ts'

/** One operation's public names, and the text of their docs. */
interface Surface {
  readonly operation: OperationModel
  readonly function: string
  readonly input: string
  /** The output schema's type, as operations.gen.ts names it. */
  readonly outputSchema: string
  readonly output: string
  readonly outputDoc: string | undefined
  readonly paginator?: { readonly name: string; readonly item: string }
  readonly doc: string
}

/** The paginator's name under the naming rule: `paginate` + the id without a leading `List`. */
export function paginatorName(operationId: string): string {
  return `paginate${operationId.replace(/^List(?=[A-Z])/, '')}`
}

function surfaceOf(model: SpecModel, operation: OperationModel): Surface {
  const outputSchema = schemaName(operation.output) as string
  const resolved = resolveSchema(model.document, operation.output)
  let paginator: Surface['paginator']
  if (operation.pagination) {
    const { items } = operation.pagination
    const where = at(at(resolved.where, 'properties'), items)
    const list = resolved.schema.properties?.[items]
    const item = schemaName({ node: list?.items, where: at(where, 'items') })
    if (item === undefined) {
      throw new SpecError(
        at(where, 'items'),
        `the items of ${operation.id}'s pages need a named schema: it is the paginator's item type`,
      )
    }
    paginator = { name: paginatorName(operation.id), item }
  }
  const doc =
    operation.description && operation.description !== operation.summary
      ? `${operation.summary}\n\n${operation.description}`
      : operation.summary
  return {
    operation,
    function: lowerFirst(operation.id),
    input: `${operation.id}Input`,
    outputSchema,
    output: operation.outputName,
    outputDoc: resolved.schema.description,
    ...(paginator && { paginator }),
    doc,
  }
}

/** Every public name of the surface, refusing two things of one name. */
function checkUnique(surfaces: readonly Surface[], shared: readonly string[]) {
  const seen = new Map<string, string>()
  const claim = (name: string, what: string) => {
    const before = seen.get(name)
    if (before !== undefined && before !== what) {
      throw new SpecError('paths', `two public names collide: ${name} is ${before} and ${what}`)
    }
    seen.set(name, what)
  }
  for (const name of shared) claim(name, `the schema ${name}`)
  for (const surface of surfaces) {
    const { id, where } = surface.operation
    claim(surface.function, `the function of ${where}`)
    claim(surface.input, `the input type of ${id}`)
    if (surface.output !== surface.outputSchema) claim(surface.output, `the output type of ${id}`)
    if (surface.paginator) {
      claim(surface.paginator.name, `the paginator of ${where}`)
      claim(surface.paginator.item, `the schema ${surface.paginator.item}`)
    }
  }
}

/** The text of methods.gen.ts and client-methods.gen.ts for a spec. */
export function emitMethods(
  model: SpecModel,
  sharedTypes: readonly string[],
): { readonly 'methods.gen.ts': string; readonly 'client-methods.gen.ts': string } {
  const surfaces = model.operations.map((operation) => surfaceOf(model, operation))
  const outputSchemas = new Set(surfaces.map((surface) => surface.outputSchema))
  // The types package's schemas that are some operation's output get the output's name instead.
  const shared = sharedTypes.filter((name) => !outputSchemas.has(name))
  checkUnique(surfaces, shared)
  const paginated = surfaces.some((surface) => surface.paginator)

  const descriptors = surfaces.map((surface) => surface.operation.id)
  const schemaTypes = new Set<string>()
  for (const surface of surfaces) {
    schemaTypes.add(surface.input)
    schemaTypes.add(surface.outputSchema)
    if (surface.paginator) schemaTypes.add(surface.paginator.item)
  }
  const publicSchemaTypes = new Set(shared)
  for (const surface of surfaces) {
    publicSchemaTypes.add(surface.input)
    if (surface.paginator) publicSchemaTypes.add(surface.paginator.item)
    if (surface.output === surface.outputSchema) publicSchemaTypes.add(surface.output)
  }

  let code = `${header}\n`
  code += "import type { CodeCatalystCore, RequestOptions } from '../core.js'\n"
  if (paginated) code += "import { type PaginateOptions, paginate } from '../paginate.js'\n"
  code += `import {\n${[...descriptors.sort(), ...[...schemaTypes].sort().map((name) => `type ${name}`)].map((name) => `  ${name},\n`).join('')}} from './operations.gen.js'\n\n`
  code += `export type {\n${[...publicSchemaTypes]
    .sort()
    .map((name) => `  ${name},\n`)
    .join('')}} from './operations.gen.js'\n\n`

  for (const surface of surfaces) {
    const { id } = surface.operation
    code += `// ── ${id} ${'─'.repeat(Math.max(0, 88 - id.length))}\n\n`
    if (surface.output !== surface.outputSchema) {
      code += docComment(
        `${surface.outputDoc ?? `The output of ${id}.`}\n\nThe spec's ${surface.outputSchema}: timestamps as \`Date\`s, enums open to values the service adds later.`,
      )
      code += `export type ${surface.output} = ${surface.outputSchema}\n\n`
    }
    code += docComment(surface.doc)
    code += `export function ${surface.function}(\n  core: CodeCatalystCore,\n  input: ${surface.input},\n  options?: RequestOptions,\n): Promise<${surface.output}> {\n  return core.send(${id}, input, options)\n}\n\n`
    if (surface.paginator) {
      const { name, item } = surface.paginator
      code += docComment(
        `Every item of every page of ${id}, in the service's order: one ${id} call per page, each sending the token the page before returned.`,
      )
      code += `export function ${name}(\n  core: CodeCatalystCore,\n  input: ${surface.input},\n  options?: PaginateOptions,\n): AsyncIterable<${item}> {\n  return paginate<${surface.input}, ${surface.output}, ${item}>(core, ${id}, input, options)\n}\n\n`
    }
  }

  code += docComment(
    'Every operation of the spec as a method, and a paginator for each paginated one.',
  )
  code += 'export interface CodeCatalystOperations {\n'
  for (const surface of surfaces) {
    code += docComment(surface.operation.summary, '  ')
    code += `  ${surface.function}(input: ${surface.input}, options?: RequestOptions): Promise<${surface.output}>\n`
    if (surface.paginator) {
      const { name, item } = surface.paginator
      code += docComment(
        `Every item of every page of ${surface.operation.id}, in the service's order.`,
        '  ',
      )
      code += `  ${name}(input: ${surface.input}, options?: PaginateOptions): AsyncIterable<${item}>\n`
    }
  }
  code += '}\n'

  const names = surfaces.flatMap((surface) => [
    surface.function,
    ...(surface.paginator ? [surface.paginator.name] : []),
  ])
  let methods = `${header}\n`
  methods += "import type { CodeCatalystCore } from '../core.js'\n"
  methods += `import {\n  type CodeCatalystOperations,\n${names.map((name) => `  ${name},\n`).join('')}} from './methods.gen.js'\n\n`
  methods += docComment(
    "The methods of the client over one core (not exported by the package: the client's factory spreads them).",
  )
  methods +=
    'export function operationMethods(core: CodeCatalystCore): CodeCatalystOperations {\n  return {\n'
  methods += names
    .map((name) => `    ${name}: (input, options) => ${name}(core, input, options),\n`)
    .join('')
  methods += '  }\n}\n'
  return { 'methods.gen.ts': code, 'client-methods.gen.ts': methods }
}
