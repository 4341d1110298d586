// The checks and conversions the generated response parsers call, one per kind of value. A
// response that breaks the spec is a CodeCatalystResponseError naming the first bad field; the
// caller never gets a half-parsed answer.
import { CodeCatalystResponseError } from '../errors.js'

/** What an error about a response needs to say where it came from. */
export interface ResponseContext {
  readonly status: number
  readonly requestId: string | undefined
  /** The attempts the call took, the one that got this response included. */
  readonly attempts: number
}

/** A member name, an array index, or nothing for the body itself. */
export type Where = string | number | undefined

/** `items` + 3 → `items[3]`, `items[3]` + `startTime` → `items[3].startTime`. */
export function join(parent: string, key: Where): string {
  if (key === undefined) return parent
  if (typeof key === 'number') return `${parent}[${key}]`
  return parent === '' ? key : `${parent}.${key}`
}

// RFC 3339 date-time: the wire format of every timestamp in this API.
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

export function string(value: unknown, at: ResponseContext, parent: string, key: Where): string {
  if (typeof value !== 'string') throw wrongType(at, parent, key, 'a string', value)
  return value
}

export function number(value: unknown, at: ResponseContext, parent: string, key: Where): number {
  if (typeof value !== 'number') throw wrongType(at, parent, key, 'a number', value)
  return value
}

export function boolean(value: unknown, at: ResponseContext, parent: string, key: Where): boolean {
  if (typeof value !== 'boolean') throw wrongType(at, parent, key, 'a boolean', value)
  return value
}

export function date(value: unknown, at: ResponseContext, parent: string, key: Where): Date {
  if (typeof value !== 'string') throw wrongType(at, parent, key, 'an RFC 3339 date-time', value)
  const parsed = new Date(value)
  if (!rfc3339.test(value) || Number.isNaN(parsed.getTime())) {
    const field = join(parent, key)
    throw invalid(
      at,
      field,
      `The response's ${field} is not an RFC 3339 date-time: ${JSON.stringify(value)}.`,
    )
  }
  return parsed
}

export function record(
  value: unknown,
  at: ResponseContext,
  parent: string,
  key: Where,
): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>
  }
  if (parent === '' && key === undefined) {
    throw invalid(at, undefined, 'The response body is not a JSON object.')
  }
  throw wrongType(at, parent, key, 'an object', value)
}

export function list<T>(
  value: unknown,
  at: ResponseContext,
  parent: string,
  key: Where,
  item: (value: unknown, at: ResponseContext, parent: string, index: number) => T,
): T[] {
  if (!Array.isArray(value)) throw wrongType(at, parent, key, 'an array', value)
  const where = join(parent, key)
  const items: T[] = []
  for (let index = 0; index < value.length; index++) {
    // Null entries are dropped, as the AWS SDKs drop them.
    if (value[index] !== null) items.push(item(value[index], at, where, index))
  }
  return items
}

function wrongType(
  at: ResponseContext,
  parent: string,
  key: Where,
  expected: string,
  value: unknown,
): CodeCatalystResponseError {
  const field = join(parent, key)
  if (value === undefined || value === null) {
    return invalid(at, field, `The response has no ${field}, a required field.`)
  }
  const actual = Array.isArray(value) ? 'an array' : typeof value
  return invalid(at, field, `The response's ${field} should be ${expected}, not ${actual}.`)
}

function invalid(at: ResponseContext, field: string | undefined, message: string) {
  return new CodeCatalystResponseError(message, field, at.status, at.requestId, at.attempts)
}
