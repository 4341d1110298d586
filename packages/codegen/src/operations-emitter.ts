// operations.gen.ts, compiled from the spec so that the client reads no schema at run time: per
// operation its input type and check, its output types and parsers (`Date`s, open enums), and a
// descriptor from which the client's transport builds the request: method, path template, and
// the members that travel in the query and in the body.
import {
  at,
  type OperationModel,
  type ResolvedSchema,
  resolveSchema,
  type Site,
  SpecError,
  type SpecModel,
  type SpecNode,
  schemaName,
} from './spec-reader.ts'
import { docComment, header, literal } from './text.ts'

/** The client's modules the generated code imports from, and the names each one gives. */
const runtimeByModule: Readonly<Record<string, readonly string[]>> = {
  '../internal/input-checks.js': [
    'checkEnum',
    'checkInteger',
    'checkList',
    'checkString',
    'checkStructure',
    'inputRecord',
  ],
  '../internal/response-parsing.js': [
    'boolean',
    'date',
    'join',
    'list',
    'number',
    'record',
    'string',
    'type ResponseContext',
    'type Where',
  ],
  '../operation.js': ['type Open', 'type Operation'],
}

const optionalNumber = (value: unknown) => (typeof value === 'number' ? String(value) : 'undefined')

const items = (schema: ResolvedSchema): Site => ({
  node: schema.schema.items,
  where: at(schema.where, 'items'),
})

const property = (schema: ResolvedSchema, name: string, node: SpecNode): Site => ({
  node,
  where: at(at(schema.where, 'properties'), name),
})

/** The text of operations.gen.ts for a spec. */
export function emitOperations(model: SpecModel): string {
  return new OperationsWriter(model).write()
}

/**
 * The schemas of the types package that operations.gen.ts uses as they are (enums, objects
 * without dates) and re-exports, sorted: the public types of the client that it does not write.
 */
export function sharedTypeNames(model: SpecModel): string[] {
  const writer = new OperationsWriter(model)
  writer.write()
  return writer.sharedTypes()
}

/** One run of the emitter: what the code written so far imports and needs. */
class OperationsWriter {
  private readonly model: SpecModel
  private readonly typeImports = new Set<string>()
  private readonly runtimeImports = new Set<string>()
  /** Each pattern's constant, numbered in the order met. */
  private readonly patterns = new Map<string, string>()
  /** The output object schemas reached from the responses, in the order met. */
  private readonly outputObjects = new Map<string, ResolvedSchema>()
  /** The operation whose output each schema is (for its description). */
  private readonly outputOf = new Map<string, string>()
  /** The input structures with members, each checked by a function of its own, in the order met. */
  private readonly inputStructures = new Map<string, ResolvedSchema>()
  /** The list member of each paginated output, by the output's name: `[]` when absent. */
  private readonly listMembers = new Map<string, string>()
  /** Each input enum's values, by the enum's name, in the order met. */
  private readonly enumValues = new Map<string, readonly string[]>()

  constructor(model: SpecModel) {
    this.model = model
  }

  sharedTypes(): string[] {
    return [...this.typeImports].sort()
  }

  private resolve(site: Site): ResolvedSchema {
    return resolveSchema(this.model.document, site)
  }

  write(): string {
    const { operations, server } = this.model
    if (typeof server !== 'string') {
      throw new SpecError(
        'servers',
        "the spec names no server: the first one's url is the client's default",
      )
    }
    const outputNames = operations.map((operation) => {
      const name = schemaName(operation.output)
      if (name === undefined) {
        throw new SpecError(
          operation.output.where,
          'the 200 response schema needs a name: write it under components.schemas and $ref it',
        )
      }
      this.outputOf.set(name, operation.id)
      if (operation.pagination) this.listMembers.set(name, operation.pagination.items)
      return name
    })
    // Operations first (they decide which output objects are reached), then the output objects.
    let body = operations
      .map((operation, index) => this.operation(operation, outputNames[index] as string))
      .join('')
    const checked = new Set<string>()
    for (;;) {
      const pending = [...this.inputStructures].filter(([name]) => !checked.has(name))
      if (pending.length === 0) break
      for (const [name, schema] of pending) {
        checked.add(name)
        body += this.structureCheck(name, schema)
      }
    }
    const written = new Set<string>()
    for (;;) {
      const pending = [...this.outputObjects].filter(([name]) => !written.has(name))
      if (pending.length === 0) break
      for (const [name, schema] of pending) {
        written.add(name)
        body += this.objectOutput(name, schema, this.listMembers.get(name))
      }
    }

    this.runtimeImports.add('type Operation')
    let imports = ''
    if (this.typeImports.size > 0) {
      const names = this.sharedTypes().join(', ')
      imports += `import type { ${names} } from '@codecatalyst-runs/types'\n`
      // Re-exported, so that methods.gen.ts finds every schema type here.
      imports += `export type { ${names} } from '@codecatalyst-runs/types'\n`
    }
    for (const [module, names] of Object.entries(runtimeByModule)) {
      const used = names.filter((name) => this.runtimeImports.has(name))
      if (used.length === 0) continue
      imports += used.every((name) => name.startsWith('type '))
        ? `import type { ${used.map((name) => name.slice('type '.length)).join(', ')} } from '${module}'\n`
        : `import { ${used.join(', ')} } from '${module}'\n`
    }
    const constants = [...this.patterns]
      .map(
        ([pattern, name]) =>
          `const ${name} = /* @__PURE__ */ new RegExp(${literal(pattern)}, 'u')\n`,
      )
      .join('')
    const enums = [...this.enumValues]
      .map(
        ([name, values]) => `const ${name}Values = [${values.map(literal).join(', ')}] as const\n`,
      )
      .join('')
    const enumBlock =
      enums === '' ? '' : `// The values each input enum of the spec allows.\n${enums}\n`
    return `${header}\n${imports}\n${docComment('The first server of the spec.')}export const defaultBaseUrl = ${literal(server)}\n\n// The spec's patterns: JSON Schema patterns are ECMA-262 with Unicode semantics.\n${constants}\n${enumBlock}${body}`
  }

  private patternConstant(pattern: string): string {
    let name = this.patterns.get(pattern)
    if (!name) {
      name = `pattern${this.patterns.size + 1}`
      this.patterns.set(pattern, name)
    }
    return name
  }

  /** Whether the client's form of a schema differs from the wire type the types package has. */
  private needsOwnType(site: Site, seen = new Set<string>()): boolean {
    const name = schemaName(site)
    if (name !== undefined) {
      if (seen.has(name)) return false
      seen.add(name)
    }
    const resolved = this.resolve(site)
    const { schema } = resolved
    if (schema.enum || schema.format === 'date-time') return true
    if (schema.type === 'array') return this.needsOwnType(items(resolved), seen)
    return Object.entries((schema.properties ?? {}) as SpecNode).some(([key, child]) =>
      this.needsOwnType(property(resolved, key, child), seen),
    )
  }

  private outputType(site: Site): string {
    const resolved = this.resolve(site)
    const { schema, name } = resolved
    if (schema.enum) {
      if (!name) throw inlineEnum(site)
      this.typeImports.add(name)
      this.runtimeImports.add('type Open')
      return `Open<${name}>`
    }
    switch (schema.type) {
      case 'string':
        return schema.format === 'date-time' ? 'Date' : 'string'
      case 'integer':
      case 'number':
        return 'number'
      case 'boolean':
        return 'boolean'
      case 'array':
        return `Array<${this.outputType(items(resolved))}>`
      case 'object':
        if (!name) throw inlineObject(site)
        this.outputObjects.set(name, resolved)
        // A paginated output has a type of its own: its list is there even when the wire omits it.
        if (!this.needsOwnType(site) && !this.listMembers.has(name)) this.typeImports.add(name)
        return name
      default:
        throw unsupportedType(resolved, 'output')
    }
  }

  private inputType(site: Site): string {
    const resolved = this.resolve(site)
    const { schema, name } = resolved
    if (schema.enum) {
      if (!name) throw inlineEnum(site)
      this.typeImports.add(name)
      return name
    }
    switch (schema.type) {
      case 'string':
        return 'string'
      case 'integer':
      case 'number':
        return 'number'
      case 'boolean':
        return 'boolean'
      case 'array':
        return `Array<${this.inputType(items(resolved))}>`
      case 'object':
        if (!name) throw inlineObject(site)
        this.typeImports.add(name)
        return name
      default:
        throw unsupportedType(resolved, 'input')
    }
  }

  /**
   * A statement that checks one input value: `value` and `label` are expressions (the value, and
   * the name an error gives it); only a path parameter is a URL path segment.
   */
  private inputCheck(
    site: Site,
    value: string,
    label: string,
    required: boolean,
    pathSegment: boolean,
  ): string {
    const resolved = this.resolve(site)
    const { schema, name } = resolved
    if (schema.enum) {
      if (!name) throw inlineEnum(site)
      const values: unknown[] = schema.enum
      if (schema.type !== 'string' || !values.every((known) => typeof known === 'string')) {
        throw new SpecError(resolved.where, 'only enums of strings are supported as inputs')
      }
      this.enumValues.set(name, values as string[])
      this.runtimeImports.add('checkEnum')
      return `checkEnum(${value}, ${label}, ${required}, ${name}Values)`
    }
    switch (schema.type) {
      case 'string': {
        this.runtimeImports.add('checkString')
        const pattern =
          schema.pattern === undefined ? 'undefined' : this.patternConstant(schema.pattern)
        return `checkString(${value}, ${label}, ${required}, ${optionalNumber(schema.minLength)}, ${optionalNumber(schema.maxLength)}, ${pattern}, ${pathSegment})`
      }
      case 'integer':
        this.runtimeImports.add('checkInteger')
        return `checkInteger(${value}, ${label}, ${required}, ${optionalNumber(schema.minimum)}, ${optionalNumber(schema.maximum)})`
      case 'array': {
        const itemSite = items(resolved)
        if (this.resolve(itemSite).schema.type === 'array') {
          throw new SpecError(
            itemSite.where,
            'arrays of arrays are not supported: name the inner list',
          )
        }
        this.runtimeImports.add('checkList')
        const itemCheck = this.inputCheck(itemSite, 'item', 'name', true, false)
        return `checkList(${value}, ${label}, ${required}, ${optionalNumber(schema.maxItems)}, (item, name) => ${itemCheck})`
      }
      case 'object':
        if (!name) throw inlineObject(site)
        this.runtimeImports.add('checkStructure')
        if (Object.keys(schema.properties ?? {}).length === 0) {
          // A structure without members in the model: any object.
          return `checkStructure(${value}, ${label}, ${required})`
        }
        this.inputStructures.set(name, resolved)
        return `checkMembersOf${name}(${value}, ${label}, ${required})`
      default:
        throw new SpecError(
          site.where,
          `inputs of type ${literal(schema.type)} are not supported: strings, string enums, integers, arrays and objects are`,
        )
    }
  }

  /** The function that checks an input structure with members, one member after another. */
  private structureCheck(name: string, resolved: ResolvedSchema): string {
    const { schema } = resolved
    const required: string[] = schema.required ?? []
    let code = `function checkMembersOf${name}(value: unknown, name: string, required: boolean): void {\n`
    code += '  const fields = checkStructure(value, name, required)\n'
    code += '  if (fields === undefined) return\n'
    for (const [key, child] of Object.entries(schema.properties as SpecNode)) {
      const field = /^[A-Za-z_$][\w$]*$/.test(key) ? `fields.${key}` : `fields[${literal(key)}]`
      const label = `\`\${name}.${key.replaceAll('`', '\\`').replaceAll('${', '\\${')}\``
      const site = property(resolved, key, child)
      code += `  ${this.inputCheck(site, field, label, required.includes(key), false)}\n`
    }
    return `${code}}\n\n`
  }

  /**
   * An expression that parses the value of a required member (a missing one is an error), `where`
   * being the path of its parent and `key` its name or index: the path is joined only on error.
   */
  private outputParse(site: Site, value: string, key: string): string {
    const resolved = this.resolve(site)
    const { schema, name } = resolved
    const primitive = (helper: string) => {
      this.runtimeImports.add(helper)
      return `${helper}(${value}, at, where, ${key})`
    }
    switch (schema.type) {
      case 'string':
        return primitive(schema.format === 'date-time' ? 'date' : 'string')
      case 'integer':
      case 'number':
        return primitive('number')
      case 'boolean':
        return primitive('boolean')
      case 'array':
        this.runtimeImports.add('list')
        return `list(${value}, at, where, ${key}, ${this.itemParser(items(resolved))})`
      case 'object':
        if (!name) throw inlineObject(site)
        this.outputType(site)
        return `parse${name}(${value}, at, where, ${key})`
      default:
        throw unsupportedType(resolved, 'output')
    }
  }

  /** A function `(value, at, where, index)` that parses one item of an output array. */
  private itemParser(site: Site): string {
    const { schema, name } = this.resolve(site)
    if (schema.type === 'object' && name) {
      this.outputType(site)
      return `parse${name}`
    }
    if (schema.type === 'array') {
      throw new SpecError(site.where, 'arrays of arrays are not supported: name the inner list')
    }
    return `(item, at, where, index) => ${this.outputParse(site, 'item', 'index')}`
  }

  /** The parser and type of an output object schema; `listMember` defaults to `[]` when absent. */
  private objectOutput(name: string, resolved: ResolvedSchema, listMember?: string): string {
    const { schema } = resolved
    const properties = Object.entries((schema.properties ?? {}) as SpecNode).map(
      ([key, child]) => [key, property(resolved, key, child)] as const,
    )
    const required: string[] = schema.required ?? []
    const ownType =
      this.needsOwnType({
        node: { $ref: `#/components/schemas/${name}` },
        where: resolved.where,
      }) || Boolean(listMember)
    let code = ''
    if (ownType) {
      const what = schema.description ?? `The output of ${this.outputOf.get(name) ?? name}.`
      code += docComment(
        `${what}\n\nAs the client returns it: timestamps are \`Date\`s, enums accept values added later.`,
      )
      code += `export type ${name} = {\n`
      for (const [key, child] of properties) {
        const present = required.includes(key) || key === listMember
        code += docComment(this.resolve(child).schema.description, '  ')
        code += `  ${key}${present ? '' : '?'}: ${this.outputType(child)}\n`
      }
      code += '}\n\n'
    }
    this.runtimeImports.add('record')
    this.runtimeImports.add('type ResponseContext')
    this.runtimeImports.add('type Where')
    const signature = `function parse${name}(value: unknown, at: ResponseContext, parent: string, key: Where): ${name}`
    if (properties.length === 0) {
      // A structure without members: whatever object the service sends, as it is.
      code += `${signature} {\n  return record(value, at, parent, key)\n}\n\n`
      return code
    }
    this.runtimeImports.add('join')
    code += `${signature} {\n`
    code += '  const wire = record(value, at, parent, key)\n'
    code += '  const where = join(parent, key)\n'
    const requiredLines: string[] = []
    const optionalLines: string[] = []
    for (const [key, child] of properties) {
      const parseValue = this.outputParse(child, `wire.${key}`, literal(key))
      if (required.includes(key)) {
        requiredLines.push(`    ${key}: ${parseValue},`)
      } else if (key === listMember) {
        requiredLines.push(`    ${key}: wire.${key} == null ? [] : ${parseValue},`)
      } else {
        optionalLines.push(`  if (wire.${key} != null) parsed.${key} = ${parseValue}`)
      }
    }
    code += `  const parsed: ${name} = {\n${requiredLines.join('\n')}\n  }\n`
    code += optionalLines.map((line) => `${line}\n`).join('')
    code += '  return parsed\n}\n\n'
    return code
  }

  private operation(operation: OperationModel, outputName: string): string {
    const { id, members, pagination } = operation
    const inputName = `${id}Input`
    this.outputType(operation.output)
    let code = `// ── ${id} ${'─'.repeat(Math.max(0, 88 - id.length))}\n\n`
    code += docComment(`The input of ${id}.`)
    code += `export type ${inputName} = {\n`
    for (const member of members) {
      code += docComment(member.description, '  ')
      code += `  ${member.name}${member.required ? '' : '?'}: ${this.inputType(member.schema)}\n`
    }
    code += '}\n\n'
    code += `function check${inputName}(input: unknown): asserts input is ${inputName} {\n`
    this.runtimeImports.add('inputRecord')
    code += `  const fields = inputRecord(input, ${literal(id)})\n`
    for (const member of members) {
      const check = this.inputCheck(
        member.schema,
        `fields.${member.name}`,
        literal(member.name),
        member.required,
        member.location === 'path',
      )
      code += `  ${check}\n`
    }
    code += '}\n\n'
    code += docComment(`${id}, as the client core calls it.`)
    code += `export const ${id}: Operation<${inputName}, ${outputName}> = {\n`
    code += `  name: ${literal(id)},\n`
    code += `  method: ${literal(operation.method.toUpperCase())},\n`
    code += `  path: ${literal(operation.path)},\n`
    for (const location of ['query', 'body'] as const) {
      const names = members
        .filter((member) => member.location === location)
        .map((member) => member.name)
      if (names.length > 0) code += `  ${location}: [${names.map(literal).join(', ')}],\n`
    }
    // Retrying after the request may have reached the service is safe only when repeating it
    // cannot do anything twice.
    code += `  retrySafe: ${operation.readonly || operation.idempotent},\n`
    if (operation.idempotencyToken) {
      code += `  idempotencyToken: ${literal(operation.idempotencyToken)},\n`
    }
    if (pagination) {
      code += `  pagination: { inputToken: ${literal(pagination.inputToken)}, outputToken: ${literal(pagination.outputToken)}, pageSize: ${literal(pagination.pageSize)}, maxPageSize: ${pagination.maxPageSize}, items: ${literal(pagination.items)} },\n`
    }
    code += `  checkInput: check${inputName},\n`
    code += `  parseOutput: (body, at) => parse${outputName}(body, at, '', undefined),\n`
    code += '}\n\n'
    return code
  }
}

function inlineEnum(site: Site): SpecError {
  return new SpecError(
    site.where,
    'inline enums are not supported: name the enum under components.schemas and $ref it',
  )
}

function inlineObject(site: Site): SpecError {
  return new SpecError(
    site.where,
    'inline objects are not supported: name the object under components.schemas and $ref it',
  )
}

function unsupportedType(resolved: ResolvedSchema, side: 'input' | 'output'): SpecError {
  return new SpecError(
    resolved.where,
    `${side} schemas of type ${literal(resolved.schema.type)} are not supported: string, integer, number, boolean, array and object are`,
  )
}
