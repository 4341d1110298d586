// The checks the generated code calls, one per kind of value: generated/operations.gen.ts holds
// each operation's constraints and calls these with them, so nothing reads a schema at run time.
import { CodeCatalystInputError } from '../errors.js'

/** The input as a record of its members, or a clear error. */
export function inputRecord(input: unknown, operation: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new CodeCatalystInputError(
      'input',
      'type',
      `The input of ${operation} must be an object.`,
    )
  }
  return input as Record<string, unknown>
}

/** Whether the value is there; a required one that is not is an error. */
function present(value: unknown, name: string, required: boolean): boolean {
  if (value !== undefined) return true
  if (required) throw new CodeCatalystInputError(name, 'required', `${name} is required.`)
  return false
}

function wrongType(name: string, expected: string, value: unknown): CodeCatalystInputError {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
  return new CodeCatalystInputError(name, 'type', `${name} must be ${expected}, not ${actual}.`)
}

export function checkString(
  value: unknown,
  name: string,
  required: boolean,
  minLength: number | undefined,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
  pathSegment: boolean,
): void {
  if (!present(value, name, required)) return
  if (typeof value !== 'string') throw wrongType(name, 'a string', value)
  // JSON Schema counts lengths in code points, not UTF-16 units.
  const length = minLength === undefined && maxLength === undefined ? 0 : [...value].length
  if (minLength !== undefined && length < minLength) {
    throw violation(name, 'minLength', `must be at least ${minLength} characters long`, value)
  }
  if (maxLength !== undefined && length > maxLength) {
    throw violation(name, 'maxLength', `must be at most ${maxLength} characters long`, value)
  }
  if (pattern !== undefined && !pattern.test(value)) {
    throw violation(name, 'pattern', `must match ${pattern.source}`, value)
  }
  if (pathSegment) assertSafePathSegment(name, value)
}

export function checkInteger(
  value: unknown,
  name: string,
  required: boolean,
  minimum: number | undefined,
  maximum: number | undefined,
): void {
  if (!present(value, name, required)) return
  if (typeof value !== 'number') throw wrongType(name, 'a number', value)
  if (!Number.isInteger(value)) {
    throw new CodeCatalystInputError(name, 'type', `${name} must be a whole number, not ${value}.`)
  }
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    const range =
      minimum !== undefined && maximum !== undefined
        ? `from ${minimum} to ${maximum}`
        : minimum !== undefined
          ? `at least ${minimum}`
          : `at most ${maximum}`
    throw new CodeCatalystInputError(
      name,
      minimum !== undefined && value < minimum ? 'minimum' : 'maximum',
      `${name} must be ${range} (got ${value}).`,
    )
  }
}

/** The values of a list, each checked by `checkItem` under its own name (`filters[0]`). */
export function checkList(
  value: unknown,
  name: string,
  required: boolean,
  maxItems: number | undefined,
  checkItem: (item: unknown, name: string) => void,
): void {
  if (!present(value, name, required)) return
  if (!Array.isArray(value)) throw wrongType(name, 'an array', value)
  if (maxItems !== undefined && value.length > maxItems) {
    throw new CodeCatalystInputError(
      name,
      'maxItems',
      `${name} must have at most ${maxItems} item${maxItems === 1 ? '' : 's'} (got ${value.length}).`,
    )
  }
  value.forEach((item, index) => {
    checkItem(item, `${name}[${index}]`)
  })
}

/**
 * A structure's members as a record, for the generated code to check one by one; undefined when
 * an optional structure is absent.
 */
export function checkStructure(
  value: unknown,
  name: string,
  required: boolean,
): Record<string, unknown> | undefined {
  if (!present(value, name, required)) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType(name, 'an object', value)
  }
  return value as Record<string, unknown>
}

/**
 * One of an enum's values. The client sends only what the spec it was generated from allows, as
 * the input types say; a value AWS adds later needs a client generated from a newer spec.
 */
export function checkEnum(
  value: unknown,
  name: string,
  required: boolean,
  values: readonly string[],
): void {
  if (!present(value, name, required)) return
  if (typeof value !== 'string') throw wrongType(name, 'a string', value)
  if (!values.includes(value)) {
    throw new CodeCatalystInputError(
      name,
      'enum',
      `${name} must be one of ${values.map((known) => JSON.stringify(known)).join(', ')} (got ${quote(value)}).`,
    )
  }
}

const dotOrEmptySegment = /^\.{0,2}$/

/**
 * Whatever a future spec allows: URL parsing drops a `.` or `..` path segment and an empty one
 * changes the route, so none of them may be sent. Every other value is percent-encoded.
 */
export function assertSafePathSegment(name: string, value: string): void {
  if (dotOrEmptySegment.test(value)) {
    throw new CodeCatalystInputError(
      name,
      'path',
      `${name} cannot be ${quote(value)} in a URL path.`,
    )
  }
}

function violation(name: string, constraint: string, explanation: string, value: string) {
  return new CodeCatalystInputError(
    name,
    constraint,
    `${name} ${explanation} (got ${quote(value)}).`,
  )
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
}
