// The spec as the repo's programs read it: parsed once, `$ref`s followed, and, for the generator,
// the operations with their members, outputs, errors and `x-smithy-*` traits. Nothing is kept
// between calls: every function reads the document it is given.
//
// A problem is reported as a SpecError whose message starts with where in the spec it is, as a
// path of keys: `paths./v1/x.get.parameters[1]`, `components.schemas.Foo.properties.bar`.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document is untyped; callers walk it freely.
export type SpecNode = Record<string, any>

/** A spec the reader refuses, `where` naming the place (e.g. `paths./v1/x.get.parameters[1]`). */
export class SpecError extends Error {
  override readonly name = 'SpecError'
  readonly where: string

  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`)
    this.where = where
  }
}

// ── the document ─────────────────────────────────────────────────────────────────────────────

/** A spec from its YAML (or JSON) text. */
export function parseSpec(text: string): SpecNode {
  const document: unknown = parse(text)
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new SpecError('(document)', 'the spec is not an OpenAPI document (an object)')
  }
  return document as SpecNode
}

/** The spec in a YAML (or JSON) file. */
export function readSpecFile(path: string): SpecNode {
  return parseSpec(readFileSync(path, 'utf8'))
}

/** The location of a child: `where.key`, or `where[index]` for an item of an array. */
export function at(where: string, key: string | number): string {
  if (typeof key === 'number') return `${where}[${key}]`
  return where === '' ? key : `${where}.${key}`
}

/**
 * The node a local JSON pointer (`#/components/schemas/Foo`, `#/paths/~1v1~1x/get`) names, and
 * where it is. `from` is where the `$ref` is written, for the message if it names nothing.
 */
export function resolvePointer(
  document: SpecNode,
  ref: string,
  from = '$ref',
): { node: SpecNode; where: string } {
  if (!ref.startsWith('#/')) {
    throw new SpecError(
      from,
      `$ref ${ref} is not supported: only references inside the spec (#/…) are`,
    )
  }
  let node: unknown = document
  let where = ''
  for (const token of ref.slice(2).split('/')) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~')
    if (typeof node !== 'object' || node === null || !(key in node)) {
      throw new SpecError(from, `$ref ${ref} names nothing: the spec has no ${at(where, key)}`)
    }
    where = Array.isArray(node) ? at(where, Number(key)) : at(where, key)
    node = (node as SpecNode)[key]
  }
  if (typeof node !== 'object' || node === null) {
    throw new SpecError(from, `$ref ${ref} names ${where}, which is not an object`)
  }
  return { node: node as SpecNode, where }
}

/** A node and where it is in the spec. */
export interface Site {
  readonly node: SpecNode
  readonly where: string
}

/** A node with its `$ref`s followed to the node they name (siblings of `$ref` are not kept). */
export function followRefAt(document: SpecNode, site: Site): Site {
  let current = site
  const seen = new Set<string>()
  while (typeof current.node?.$ref === 'string') {
    const ref: string = current.node.$ref
    if (seen.has(ref)) throw new SpecError(current.where, `$ref ${ref} refers to itself`)
    seen.add(ref)
    current = resolvePointer(document, ref, current.where)
  }
  return current
}

/** `node` with its `$ref`s followed (any local pointer; siblings of `$ref` are not kept). */
export function followRef(document: SpecNode, node: SpecNode, where = '$ref'): SpecNode {
  return followRefAt(document, { node, where }).node
}

// ── schemas ──────────────────────────────────────────────────────────────────────────────────

const schemaPrefix = '#/components/schemas/'

/** The component name of a schema written as a `$ref`; undefined for an inline schema. */
export function schemaName(site: Site): string | undefined {
  const ref = site.node?.$ref
  if (typeof ref !== 'string') return undefined
  if (!ref.startsWith(schemaPrefix)) {
    throw new SpecError(
      site.where,
      `$ref ${ref} is not supported: a schema may only refer to ${schemaPrefix}…`,
    )
  }
  return ref.slice(schemaPrefix.length)
}

/** A schema with its `$ref` followed: its name, and where the schema that says it all is. */
export interface ResolvedSchema {
  /** The schema; the sibling keywords of a `$ref` (such as `description`) win, as in 3.1. */
  readonly schema: SpecNode
  /** The component it refers to, if it is a `$ref`. */
  readonly name: string | undefined
  /** Where its keywords are: the component for a `$ref`, else the site. */
  readonly where: string
}

/** A schema with its `$ref` (to `#/components/schemas/…` only) followed. */
export function resolveSchema(
  document: SpecNode,
  site: Site,
  seen = new Set<string>(),
): ResolvedSchema {
  if (typeof site.node !== 'object' || site.node === null) {
    throw new SpecError(site.where, 'no schema: every member, body and response needs one')
  }
  const name = schemaName(site)
  if (name === undefined) return { schema: site.node, name, where: site.where }
  const where = `components.schemas.${name}`
  const target = document.components?.schemas?.[name]
  if (typeof target !== 'object' || target === null) {
    throw new SpecError(site.where, `$ref ${site.node.$ref} names no schema: there is no ${where}`)
  }
  if (seen.has(name)) throw new SpecError(site.where, `$ref ${site.node.$ref} refers to itself`)
  seen.add(name)
  const { $ref: _, ...siblings } = site.node
  const inner = resolveSchema(document, { node: target, where }, seen)
  return { schema: { ...inner.schema, ...siblings }, name, where: inner.where }
}

// ── operations ───────────────────────────────────────────────────────────────────────────────

/** An operation of the spec as written. */
export interface SpecOperation {
  readonly id: string
  readonly method: string
  readonly path: string
  readonly node: SpecNode
  /** `paths./v1/….get` */
  readonly where: string
}

/** Every operation of the spec (a path item's entry with an `operationId`), in the spec's order. */
export function listOperations(document: SpecNode): SpecOperation[] {
  return Object.entries((document.paths ?? {}) as Record<string, SpecNode>).flatMap(
    ([path, item]) =>
      Object.entries(item ?? {})
        .filter(([, node]) => typeof node?.operationId === 'string')
        .map(([method, node]) => ({
          id: node.operationId as string,
          method,
          path,
          node,
          where: at(at('paths', path), method),
        })),
  )
}

/** Where an input member travels. */
export type MemberLocation = 'path' | 'query' | 'body'

/** One member of an operation's input: a path or query parameter, or a property of the body. */
export interface Member {
  readonly name: string
  readonly location: MemberLocation
  readonly required: boolean
  /** Its schema as written (a `$ref` or inline), and where. */
  readonly schema: Site
  readonly description: string | undefined
  /** Where it is declared: its parameter, or its property of the body schema. */
  readonly where: string
}

/** `x-smithy-paginated`, and the page size member's maximum. */
export interface Pagination {
  readonly inputToken: string
  readonly outputToken: string
  readonly pageSize: string
  readonly items: string
  readonly maxPageSize: number
}

/** An operation as the generator compiles it. */
export interface OperationModel {
  readonly id: string
  /** Lower case, as in the spec. */
  readonly method: string
  readonly path: string
  readonly where: string
  /** Path and query parameters in the spec's order, then the body's properties. */
  readonly members: readonly Member[]
  /** The schema of the 200 answer's JSON body, as written. */
  readonly output: Site
  /** `x-smithy-readonly` */
  readonly readonly: boolean
  /** `x-smithy-idempotent` */
  readonly idempotent: boolean
  /** The member marked `x-smithy-idempotency-token`, if any. */
  readonly idempotencyToken: string | undefined
  /** `x-smithy-paginated` */
  readonly pagination: Pagination | undefined
  /** The operation's `summary`: the first line of its function's doc comment. */
  readonly summary: string
  /** The operation's `description`, if any. */
  readonly description: string | undefined
  /**
   * The public name of its output type: `x-codecatalyst-output-name` (e.g. `WorkflowRun`), else
   * `<operationId>Output`.
   */
  readonly outputName: string
}

/** An error the spec models: an error answer's `x-amzn-errortype` name, status and schema. */
export interface ErrorModel {
  readonly name: string
  readonly status: number
  /** Its schema's description, or its name. */
  readonly description: string
  /** `x-smithy-retryable` on its schema. */
  readonly retryable: boolean
  /** The first answer that declares it: `paths./v1/….get.responses.404`. */
  readonly where: string
}

/** What the generator reads from a spec. */
export interface SpecModel {
  readonly document: SpecNode
  /** The url of the first server, if any. */
  readonly server: string | undefined
  /** Paths in the spec's order, and in a path get, put, post, delete, patch. */
  readonly operations: readonly OperationModel[]
  /** One per error name, in the order first met (an error met again gives its last values). */
  readonly errors: readonly ErrorModel[]
  /** The error name of each error status (one name per status), in the order first met. */
  readonly errorNames: ReadonlyMap<number, string>
}

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const
const otherMethods = ['head', 'options', 'trace'] as const
const json = 'application/json'

function readMembers(document: SpecNode, operation: SpecNode, where: string): Member[] {
  const members: Member[] = []
  const parameters: unknown = operation.parameters ?? []
  if (!Array.isArray(parameters)) {
    throw new SpecError(at(where, 'parameters'), 'parameters must be a list')
  }
  parameters.forEach((raw: SpecNode, index) => {
    const slot = at(at(where, 'parameters'), index)
    const declared = followRefAt(document, { node: raw, where: slot })
    const parameter = declared.node
    if (parameter.in !== 'path' && parameter.in !== 'query') {
      throw new SpecError(
        slot,
        `parameters in ${parameter.in} are not supported: only path and query parameters (and a JSON body) are`,
      )
    }
    if (typeof parameter.name !== 'string') throw new SpecError(slot, 'the parameter has no name')
    const schema = { node: parameter.schema, where: at(declared.where, 'schema') }
    resolveSchema(document, schema)
    members.push({
      name: parameter.name,
      location: parameter.in,
      required: parameter.required === true,
      schema,
      description: parameter.description,
      where: slot,
    })
  })
  const requestBody = operation.requestBody
  if (requestBody === undefined) return members
  const body = followRefAt(document, { node: requestBody, where: at(where, 'requestBody') })
  const bodySchema = body.node.content?.[json]?.schema
  if (bodySchema === undefined) return members
  const resolved = resolveSchema(document, {
    node: bodySchema,
    where: at(at(at(body.where, 'content'), json), 'schema'),
  })
  const required: unknown[] = resolved.schema.required ?? []
  for (const [name, node] of Object.entries((resolved.schema.properties ?? {}) as SpecNode)) {
    const schema = { node, where: at(at(resolved.where, 'properties'), name) }
    members.push({
      name,
      location: 'body',
      required: required.includes(name),
      schema,
      description: resolveSchema(document, schema).schema.description,
      where: schema.where,
    })
  }
  return members
}

function readPagination(
  document: SpecNode,
  operation: SpecNode,
  where: string,
  members: readonly Member[],
): Pagination | undefined {
  const paginated = operation['x-smithy-paginated']
  if (paginated === undefined) return undefined
  const traitWhere = at(where, 'x-smithy-paginated')
  const keys = ['inputToken', 'outputToken', 'pageSize', 'items'] as const
  for (const key of keys) {
    if (typeof paginated?.[key] !== 'string') {
      throw new SpecError(at(traitWhere, key), `${key} must name a member (a string)`)
    }
  }
  const pageSize = members.find((member) => member.name === paginated.pageSize)
  if (!pageSize) {
    throw new SpecError(
      at(traitWhere, 'pageSize'),
      `the page size ${paginated.pageSize} is not an input member of the operation`,
    )
  }
  const maxPageSize = resolveSchema(document, pageSize.schema).schema.maximum
  if (typeof maxPageSize !== 'number') {
    throw new SpecError(
      pageSize.where,
      `the page size member ${pageSize.name} of a paginated operation needs a maximum`,
    )
  }
  const { inputToken, outputToken, items } = paginated
  return { inputToken, outputToken, pageSize: pageSize.name, items, maxPageSize }
}

function readOutput(document: SpecNode, operation: SpecNode, where: string): Site {
  const slot = at(at(where, 'responses'), '200')
  if (operation.responses?.['200'] === undefined) {
    throw new SpecError(at(where, 'responses'), 'no 200 response: the output is its JSON body')
  }
  const success = followRefAt(document, { node: operation.responses['200'], where: slot })
  const output = {
    node: success.node.content?.[json]?.schema,
    where: at(at(at(success.where, 'content'), json), 'schema'),
  }
  resolveSchema(document, output)
  return output
}

function readErrors(
  document: SpecNode,
  operation: SpecNode,
  where: string,
  errors: Map<string, ErrorModel>,
): void {
  for (const [status, raw] of Object.entries((operation.responses ?? {}) as SpecNode)) {
    const slot = at(at(where, 'responses'), status)
    if (!/^\d{3}$/.test(status)) {
      throw new SpecError(
        slot,
        `status ${status} is not supported: give each status its own answer`,
      )
    }
    if (Number(status) < 400) continue
    const response = followRefAt(document, { node: raw, where: slot })
    const nameWhere = at(at(response.where, 'headers'), 'x-amzn-errortype')
    const header = response.node.headers?.['x-amzn-errortype']
    const name = header === undefined ? undefined : followRef(document, header, nameWhere).example
    if (typeof name !== 'string') {
      throw new SpecError(
        nameWhere,
        "an error answer needs its name: the header x-amzn-errortype, with the service's name of the error as its example",
      )
    }
    const schema = resolveSchema(document, {
      node: response.node.content?.[json]?.schema,
      where: at(at(at(response.where, 'content'), json), 'schema'),
    }).schema
    const known = errors.get(name)
    if (known && known.status !== Number(status)) {
      throw new SpecError(
        slot,
        `${name} has status ${status} here and ${known.status} at ${known.where}: an error has one status`,
      )
    }
    errors.set(name, {
      name,
      status: Number(status),
      description: schema.description ?? name,
      retryable: schema['x-smithy-retryable'] === true,
      where: known?.where ?? slot,
    })
  }
}

function readOperation(
  document: SpecNode,
  path: string,
  method: string,
  operation: SpecNode,
  errors: Map<string, ErrorModel>,
): OperationModel {
  const where = at(at('paths', path), method)
  if (typeof operation.operationId !== 'string') {
    throw new SpecError(where, 'the operation has no operationId')
  }
  const members = readMembers(document, operation, where)
  const tokens = members.filter(
    (member) =>
      resolveSchema(document, member.schema).schema['x-smithy-idempotency-token'] === true,
  )
  if (tokens.length > 1) {
    throw new SpecError(
      where,
      `x-smithy-idempotency-token marks ${tokens.map((member) => member.where).join(' and ')}: an operation has at most one idempotency token`,
    )
  }
  const output = readOutput(document, operation, where)
  readErrors(document, operation, where, errors)
  if (typeof operation.summary !== 'string' || operation.summary.trim() === '') {
    throw new SpecError(where, 'the operation has no summary: it is the first line of its doc')
  }
  const outputName = operation['x-codecatalyst-output-name'] ?? `${operation.operationId}Output`
  if (typeof outputName !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(outputName)) {
    throw new SpecError(
      at(where, 'x-codecatalyst-output-name'),
      `${JSON.stringify(outputName)} is not a type name (PascalCase letters and digits)`,
    )
  }
  return {
    id: operation.operationId,
    method,
    path,
    where,
    members,
    output,
    readonly: operation['x-smithy-readonly'] === true,
    idempotent: operation['x-smithy-idempotent'] === true,
    idempotencyToken: tokens[0]?.name,
    pagination: readPagination(document, operation, where, members),
    summary: operation.summary.trim(),
    description:
      typeof operation.description === 'string' ? operation.description.trim() : undefined,
    outputName,
  }
}

/** The spec as the generator compiles it; throws a SpecError for what it cannot compile. */
export function readSpec(document: SpecNode): SpecModel {
  const operations: OperationModel[] = []
  const errors = new Map<string, ErrorModel>()
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, SpecNode>)) {
    const where = at('paths', path)
    if (item.parameters !== undefined) {
      throw new SpecError(
        at(where, 'parameters'),
        'parameters of a path item are not supported: declare them on each operation',
      )
    }
    for (const method of otherMethods) {
      if (item[method] !== undefined) {
        throw new SpecError(at(where, method), `${method} operations are not supported`)
      }
    }
    for (const method of methods) {
      const operation: SpecNode | undefined = item[method]
      if (operation) operations.push(readOperation(document, path, method, operation, errors))
    }
  }
  // An answer without an error name is classed by its status alone: one name per status.
  const errorNames = new Map<number, string>()
  for (const { name, status, where } of errors.values()) {
    const other = errorNames.get(status)
    if (other !== undefined) {
      throw new SpecError(
        where,
        `${name} has status ${status}, as ${other} (${errors.get(other)?.where}) has: an answer without a name is classed by its status, so a status needs one name`,
      )
    }
    errorNames.set(status, name)
  }
  const server = document.servers?.[0]?.url
  return {
    document,
    server: typeof server === 'string' ? server : undefined,
    operations,
    errors: [...errors.values()],
    errorNames,
  }
}
