import type { GetWorkflowRunData } from '@codecatalyst-runs/types'
import { CodeCatalystInputError } from './errors.js'
import { GetWorkflowRunRequestSchema } from './generated/schemas.gen.js'
import { compileStringRule, stringViolation } from './spec-schema.js'

export type GetWorkflowRunInput = GetWorkflowRunData['path']

// Compiled once from the spec's request schema: which inputs exist, which are required, and
// their lengths and patterns. Regenerating from a changed spec changes these checks.
const inputRules = Object.entries(GetWorkflowRunRequestSchema.properties).map(([name, schema]) => ({
  name,
  required: (GetWorkflowRunRequestSchema.required as readonly string[]).includes(name),
  rule: compileStringRule(schema),
}))

/** Throws a CodeCatalystInputError naming the first input that breaks the spec's constraints. */
export function assertValidInput(input: unknown): asserts input is GetWorkflowRunInput {
  if (typeof input !== 'object' || input === null) {
    throw new CodeCatalystInputError(
      'input',
      'type',
      'The input must be an object with spaceName, projectName and id.',
    )
  }
  for (const { name, required, rule } of inputRules) {
    const value: unknown = (input as Record<string, unknown>)[name]
    if (value === undefined) {
      if (required) throw new CodeCatalystInputError(name, 'required', `${name} is required.`)
      continue
    }
    if (typeof value !== 'string') {
      throw new CodeCatalystInputError(
        name,
        'type',
        `${name} must be a string, not ${value === null ? 'null' : typeof value}.`,
      )
    }
    const violation = stringViolation(value, rule)
    if (violation !== undefined) {
      const [constraint, explanation] = violation
      throw new CodeCatalystInputError(
        name,
        constraint,
        `${name} ${explanation} (got ${quote(value)}).`,
      )
    }
    assertSafePathSegment(name, value)
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

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
}
