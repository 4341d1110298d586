// The simulator's own check of a request against the spec, before any handler runs: every
// constraint of every input member, from the generated table (generated/operations.gen.ts), and
// a ValidationException message in AWS's wording, e.g.
//   1 validation error detected: Value 'not-a-uuid' at 'id' failed to satisfy constraint:
//   Member must satisfy regular expression pattern: ^[0-9a-fA-F]{8}-…$
// AWS services list every violation, joined by "; " after "N validation errors detected:".

/** A value as the spec constrains it: its type, constraints, and what it holds. */
export interface ValueRule {
  readonly type: 'string' | 'integer' | 'array' | 'object'
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly maxItems?: number
  /** For a string: the values an enum allows. */
  readonly enum?: readonly string[]
  /** For an array: its items. */
  readonly items?: ValueRule
  /** For a structure: its members (none for a structure without members in the model). */
  readonly members?: readonly FieldRule[]
}

/** A member of a structure. */
export interface FieldRule extends ValueRule {
  readonly name: string
  readonly required: boolean
}

/** A member of an operation's input, and where the request carries it. */
export interface MemberRule extends FieldRule {
  readonly location: 'path' | 'query' | 'body'
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

/**
 * What breaks the rule, in AWS's wording: `at` is the member's path as AWS writes it
 * (`filters.1.member.key`), `sent` the value as the request carried it.
 */
function violationsOf(
  rule: FieldRule,
  value: unknown,
  sent: unknown = value,
  at: string = rule.name,
): string[] {
  if (value === undefined || value === null) {
    return rule.required ? [`Value null at '${at}' ${failed('Member must not be null')}`] : []
  }
  return valueViolations(rule, value, sent, at)
}

function valueViolations(rule: ValueRule, value: unknown, sent: unknown, at: string): string[] {
  const valueAt = `Value ${shown(sent)} at '${at}'`
  const found: string[] = []
  const must = (constraint: string) =>
    found.push(`${valueAt} ${failed(`Member must ${constraint}`)}`)
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') return [`${valueAt} ${failed('Member must be a string')}`]
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
      if (rule.enum !== undefined && !rule.enum.includes(value)) {
        must(`satisfy enum value set: [${rule.enum.join(', ')}]`)
      }
      return found
    }
    case 'integer': {
      // An integer too large to hold exactly is still an integer: its range is what it breaks.
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return [`${valueAt} ${failed('Member must be an integer')}`]
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
      if (!Array.isArray(value)) return [`${valueAt} ${failed('Member must be a list')}`]
      if (rule.maxItems !== undefined && value.length > rule.maxItems) {
        must(`have length less than or equal to ${rule.maxItems}`)
      }
      const { items } = rule
      if (items !== undefined) {
        value.forEach((item, index) => {
          const itemAt = `${at}.${index + 1}.member`
          found.push(
            ...(item === null || item === undefined
              ? [`Value null at '${itemAt}' ${failed('Member must not be null')}`]
              : valueViolations(items, item, item, itemAt)),
          )
        })
      }
      return found
    }
    case 'object': {
      if (!isObject(value)) return [`${valueAt} ${failed('Member must be a structure')}`]
      const fields = value as Record<string, unknown>
      for (const member of rule.members ?? []) {
        const field = fields[member.name]
        found.push(...violationsOf(member, field, field, `${at}.${member.name}`))
      }
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
  // A number JSON cannot write (1e400 parses to Infinity) is still quoted as a number.
  const text =
    typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)
  return `'${text}'`
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
