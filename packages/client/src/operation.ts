import type { ResponseContext } from './internal/response-parsing.js'

/** A closed string union from the spec, opened up: AWS adds enum values without notice. */
export type Open<T> = string extends T ? T : T extends string ? T | (string & {}) : T

/**
 * Where a paginated operation takes and returns its page token, its page size and its items
 * (Smithy's `@paginated`).
 */
export interface Pagination {
  readonly inputToken: string
  readonly outputToken: string
  readonly pageSize: string
  /** The largest page size the spec allows. */
  readonly maxPageSize: number
  readonly items: string
}

/**
 * One operation of the spec, as the client core runs it. Generated into
 * `generated/operations.gen.ts`, one per operation: every field is read from the spec.
 */
export interface Operation<Input, Output> {
  /** The spec's operationId, e.g. `GetWorkflowRun`. */
  readonly name: string
  /** The HTTP method, e.g. `GET`. */
  readonly method: string
  /** The path template, e.g. `/v1/spaces/{spaceName}/…`: each `{member}` is an input member. */
  readonly path: string
  /** The input members sent in the query string, if any. */
  readonly query?: readonly string[]
  /** The input members sent in the JSON body, if the operation has one. */
  readonly body?: readonly string[]
  /**
   * Whether sending the request twice cannot do anything twice (Smithy `@readonly` or
   * `@idempotent`), so that an attempt whose answer was lost may be retried.
   */
  readonly retrySafe: boolean
  /** The input member the client fills with a fresh token when the caller gives none. */
  readonly idempotencyToken?: string
  readonly pagination?: Pagination
  /** Throws a CodeCatalystInputError naming the first input that breaks the spec. */
  readonly checkInput: (input: Input) => void
  /** Checks a 2xx body against the spec and converts it: `Date`s, absent lists as `[]`. */
  readonly parseOutput: (body: unknown, context: ResponseContext) => Output
}
