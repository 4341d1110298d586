import type { GetWorkflowRunResponse } from '@codecatalyst-runs/types'
import { CodeCatalystResponseError } from './errors.js'
import { GetWorkflowRunResponseSchema } from './generated/schemas.gen.js'
import { resolveSchema, type SpecSchema } from './spec-schema.js'

type ResponseProperties = (typeof GetWorkflowRunResponseSchema)['properties']
type DateTimeField = {
  [K in keyof ResponseProperties]: ResponseProperties[K] extends { format: 'date-time' } ? K : never
}[keyof ResponseProperties]
/** A closed string union from the spec, opened up: AWS adds enum values without notice. */
type Open<T> = string extends T ? T : T extends string ? T | (string & {}) : T

/**
 * A workflow run as the client returns it: the spec's response with its date-time fields as
 * `Date`s and its enums open to values the service adds later.
 */
export type WorkflowRun = {
  [K in keyof GetWorkflowRunResponse]: K extends DateTimeField
    ? Date
    : Open<GetWorkflowRunResponse[K]>
}

interface FieldRule {
  readonly name: string
  readonly required: boolean
  readonly schema: SpecSchema
  readonly itemSchema: SpecSchema | undefined
}

// Compiled once from the spec's response schema.
const fieldRules: readonly FieldRule[] = Object.entries(
  GetWorkflowRunResponseSchema.properties as Record<string, SpecSchema>,
).map(([name, schema]) => {
  const resolved = resolveSchema(schema)
  return {
    name,
    required: (GetWorkflowRunResponseSchema.required as readonly string[]).includes(name),
    schema: resolved,
    itemSchema: resolved.items === undefined ? undefined : resolveSchema(resolved.items),
  }
})

// RFC 3339 date-time: the wire format of every timestamp in this API.
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

interface ResponseContext {
  readonly status: number
  readonly requestId: string | undefined
}

/**
 * Checks a parsed 2xx body against the spec's response schema and converts it. Throws a
 * CodeCatalystResponseError naming the first bad field; never returns a half-parsed run.
 * Fields the spec does not know are dropped, as the AWS SDKs do.
 */
export function parseWorkflowRun(body: unknown, context: ResponseContext): WorkflowRun {
  if (!isPlainObject(body)) {
    throw invalid(context, undefined, 'The response body is not a JSON object.')
  }
  const run: Record<string, unknown> = {}
  for (const field of fieldRules) {
    const value = body[field.name]
    if (value === undefined || value === null) {
      if (field.required) {
        throw invalid(context, field.name, `The response has no ${field.name}, a required field.`)
      }
      continue
    }
    run[field.name] = convert(value, field.schema, field, context)
    if (field.itemSchema !== undefined) {
      run[field.name] = (run[field.name] as unknown[]).map((item, index) =>
        convert(item, field.itemSchema as SpecSchema, { name: `${field.name}[${index}]` }, context),
      )
    }
  }
  return run as WorkflowRun
}

function convert(
  value: unknown,
  schema: SpecSchema,
  field: { readonly name: string },
  context: ResponseContext,
): unknown {
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') throw wrongType(context, field.name, 'a string', value)
      if (schema.format !== 'date-time') return value
      const date = new Date(value)
      if (!rfc3339.test(value) || Number.isNaN(date.getTime())) {
        throw invalid(
          context,
          field.name,
          `The response's ${field.name} is not an RFC 3339 date-time: ${JSON.stringify(value)}.`,
        )
      }
      return date
    }
    case 'array':
      if (!Array.isArray(value)) throw wrongType(context, field.name, 'an array', value)
      return value
    case 'object':
      if (!isPlainObject(value)) throw wrongType(context, field.name, 'an object', value)
      return value
    default:
      return value
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function wrongType(context: ResponseContext, field: string, expected: string, value: unknown) {
  const actual = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value
  return invalid(context, field, `The response's ${field} should be ${expected}, not ${actual}.`)
}

function invalid(context: ResponseContext, field: string | undefined, message: string) {
  return new CodeCatalystResponseError(message, field, context.status, context.requestId)
}
