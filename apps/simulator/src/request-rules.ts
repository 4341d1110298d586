// The simulator's own check of a request against the spec, before any handler runs: every
// constraint of every input member, from the generated table (generated/operations.gen.ts), and
// a ValidationException message in AWS's wording, e.g.
//   1 validation error detected: Value 'not-a-uuid' at 'id' failed to satisfy constraint:
//   Member must satisfy regular expression pattern: ^[0-9a-fA-F]{8}-…$
// AWS services list every violation, joined by "; " after "N validation errors detected:".

export interface MemberRule {
  readonly name: string
  readonly location: 'path' | 'query' | 'body'
  readonly required: boolean
  readonly type: 'string' | 'integer' | 'array'
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly maxItems?: number
  /** For an array: the type of its items. */
  readonly items?: 'object'
}

export interface OperationRules {
  readonly id: string
  readonly method: string
  /** The spec's path template, e.g. /v1/spaces/{spaceName}/… */
  readonly path: string
  readonly members: readonly MemberRule[]
}

/** The request as it came: decoded path parameters, the query, and the parsed JSON body. */
export interface RawRequest {
  readonly path: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly body: Readonly<Record<string, unknown>>
}

export type CheckedInput = Record<string, unknown>

/** A request that breaks the spec: its message is the ValidationException's. */
export class RequestValidationError extends Error {}

const patterns = new Map<string, RegExp>()
function compiled(pattern: string): RegExp {
  let regExp = patterns.get(pattern)
  if (!regExp) {
    // JSON Schema patterns are ECMA-262 with Unicode semantics.
    regExp = new RegExp(pattern, 'u')
    patterns.set(pattern, regExp)
  }
  return regExp
}

/**
 * Checks every member of the request against its rule and returns the input the handlers take
 * (path, query and body members by name; `maxResults` a number). Unknown query parameters and
 * body members are ignored, as AWS's servers ignore members they do not model.
 */
export function checkRequest(rules: OperationRules, request: RawRequest): CheckedInput {
  const input: CheckedInput = {}
  const violations: string[] = []
  for (const rule of rules.members) {
    const { value, sent } = memberValue(rule, request)
    violations.push(...violationsOf(rule, value, sent))
    if (value !== undefined && value !== null) input[rule.name] = value
  }
  if (violations.length > 0) {
    const count = violations.length
    throw new RequestValidationError(
      `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
    )
  }
  return input
}

// A query integer as Smithy servers read one: an optional sign and decimal digits.
const queryInteger = /^[+-]?\d+$/

/**
 * The member's value as the request carries it (a query integer read as a number), and what
 * was sent, as a message quotes it: the query's own text, so `-0` stays `-0`.
 */
function memberValue(rule: MemberRule, request: RawRequest): { value: unknown; sent: unknown } {
  switch (rule.location) {
    case 'path': {
      const value = request.path[rule.name]
      return { value, sent: value }
    }
    case 'query': {
      const text = request.query.get(rule.name) ?? undefined
      if (text === undefined || rule.type !== 'integer') return { value: text, sent: text }
      return { value: queryInteger.test(text) ? Number(text) : text, sent: text }
    }
    case 'body': {
      const value = request.body[rule.name]
      return { value, sent: value }
    }
  }
}

function violationsOf(rule: MemberRule, value: unknown, sent: unknown): string[] {
  if (value === undefined || value === null) {
    return rule.required
      ? [`Value null at '${rule.name}' ${failed('Member must not be null')}`]
      : []
  }
  const at = `Value ${shown(sent)} at '${rule.name}'`
  const found: string[] = []
  const must = (constraint: string) => found.push(`${at} ${failed(`Member must ${constraint}`)}`)
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') return [`${at} ${failed('Member must be a string')}`]
      const length = [...value].length // JSON Schema counts code points
      if (rule.minLength !== undefined && length < rule.minLength) {
        must(`have length greater than or equal to ${rule.minLength}`)
      }
      if (rule.maxLength !== undefined && length > rule.maxLength) {
        must(`have length less than or equal to ${rule.maxLength}`)
      }
      if (rule.pattern !== undefined && !compiled(rule.pattern).test(value)) {
        must(`satisfy regular expression pattern: ${rule.pattern}`)
      }
      return found
    }
    case 'integer': {
      // An integer too large to hold exactly is still an integer: its range is what it breaks.
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return [`${at} ${failed('Member must be an integer')}`]
      }
      if (rule.minimum !== undefined && value < rule.minimum) {
        must(`have value greater than or equal to ${rule.minimum}`)
      }
      if (rule.maximum !== undefined && value > rule.maximum) {
        must(`have value less than or equal to ${rule.maximum}`)
      }
      return found
    }
    case 'array': {
      if (!Array.isArray(value)) return [`${at} ${failed('Member must be a list')}`]
      if (rule.maxItems !== undefined && value.length > rule.maxItems) {
        must(`have length less than or equal to ${rule.maxItems}`)
      }
      value.forEach((item, index) => {
        if (rule.items === 'object' && !isObject(item)) {
          found.push(
            `Value ${shown(item)} at '${rule.name}.${index + 1}.member' ${failed('Member must be a structure')}`,
          )
        }
      })
      return found
    }
  }
}

const failed = (constraint: string) => `failed to satisfy constraint: ${constraint}`

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A value as AWS quotes it in a message: strings and numbers as they are, in single quotes. */
function shown(value: unknown): string {
  return `'${typeof value === 'string' ? value : JSON.stringify(value)}'`
}

/**
 * The URL of a request line's target: a path (origin-form, which may begin with `//`) or an
 * absolute URL (absolute-form, which HTTP/1.1 servers must accept). Anything else (`*`, a bare
 * host) is no URL of this API.
 */
export function requestTarget(target: string): URL | undefined {
  if (target.startsWith('/')) return new URL(`http://origin${target}`)
  if (URL.canParse(target) && /^https?:$/.test(new URL(target).protocol)) return new URL(target)
  return undefined
}

/** The operation whose method and path template match the request, with its path parameters. */
export function route<Rules extends OperationRules>(
  table: readonly Rules[],
  method: string,
  pathname: string,
): { readonly rules: Rules; readonly path: Record<string, string> } | undefined {
  for (const rules of table) {
    if (rules.method !== method) continue
    const groups = templatePattern(rules.path).exec(pathname)?.groups
    if (groups) return { rules, path: { ...groups } }
  }
  return undefined
}

const templates = new Map<string, RegExp>()
function templatePattern(template: string): RegExp {
  let pattern = templates.get(template)
  if (!pattern) {
    pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`)
    templates.set(template, pattern)
  }
  return pattern
}
