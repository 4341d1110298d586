import * as schemas from './generated/schemas.gen.js'

/** The part of JSON Schema the spec uses, as the generator emits it. */
export interface SpecSchema {
  readonly $ref?: string
  readonly type?: string
  readonly format?: string
  readonly pattern?: string
  readonly minLength?: number
  readonly maxLength?: number
  readonly items?: SpecSchema
}

const componentPrefix = '#/components/schemas/'

/** Follows `$ref`s to the spec's component schemas, as generated into schemas.gen.ts. */
export function resolveSchema(schema: SpecSchema): SpecSchema {
  if (schema.$ref === undefined) return schema
  const name = schema.$ref.startsWith(componentPrefix)
    ? schema.$ref.slice(componentPrefix.length)
    : schema.$ref
  const target = (schemas as Record<string, SpecSchema | undefined>)[`${name}Schema`]
  if (target === undefined) throw new Error(`The generated schemas have no ${schema.$ref}.`)
  return resolveSchema(target)
}

export interface StringRule {
  readonly minLength: number | undefined
  readonly maxLength: number | undefined
  readonly pattern: RegExp | undefined
}

export function compileStringRule(schema: SpecSchema): StringRule {
  const resolved = resolveSchema(schema)
  return {
    minLength: resolved.minLength,
    maxLength: resolved.maxLength,
    // JSON Schema patterns are ECMA-262 regular expressions with Unicode semantics.
    pattern: resolved.pattern === undefined ? undefined : new RegExp(resolved.pattern, 'u'),
  }
}

/** The first constraint a string breaks, as `[constraint, explanation]`, or undefined. */
export function stringViolation(value: string, rule: StringRule): [string, string] | undefined {
  // JSON Schema counts lengths in code points, not UTF-16 units.
  const length =
    rule.minLength === undefined && rule.maxLength === undefined ? 0 : [...value].length
  if (rule.minLength !== undefined && length < rule.minLength) {
    return ['minLength', `must be at least ${rule.minLength} characters long`]
  }
  if (rule.maxLength !== undefined && length > rule.maxLength) {
    return ['maxLength', `must be at most ${rule.maxLength} characters long`]
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    return ['pattern', `must match ${rule.pattern.source}`]
  }
  return undefined
}
