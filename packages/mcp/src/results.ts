// What a tool answers: every result carries `structuredContent` and the same JSON as a text block
// (clients that read only `content` must not see an empty answer); a failure is an `isError`
// result naming the error's type, its message and the request id, in its text and its `_meta`. Any secret the server was given
// (the token) is replaced before a result leaves, whatever put it there.
import {
  CodeCatalystError,
  CodeCatalystInputError,
  CodeCatalystServiceError,
  CodeCatalystWaitTimeoutError,
} from '@codecatalyst-runs/client'
import type { CallToolResult } from '@modelcontextprotocol/server'

/** A failure of a hand-written tool that is the caller's to fix (a name that matches nothing, …). */
export class ToolError extends Error {
  override readonly name = 'ToolError'
  readonly type: string
  readonly details: Readonly<Record<string, unknown>>

  constructor(type: string, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message)
    this.type = type
    this.details = details
  }
}

/** A value as JSON: `Date`s as RFC 3339 strings, `undefined` members left out. */
export function toJson(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>
}

/**
 * Replaces every occurrence of each secret in the JSON of `value`. A secret shorter than 8
 * characters is no real token, and replacing it would garble every word it occurs in.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const present = secrets.filter((secret) => secret.length >= 8)
  if (present.length === 0) return value
  let text = JSON.stringify(value)
  for (const secret of present) {
    text = text.replaceAll(JSON.stringify(secret).slice(1, -1), '[redacted]')
  }
  return JSON.parse(text) as T
}

/** A successful result: the JSON both as `structuredContent` and as text. */
export function success(value: unknown, secrets: readonly string[]): CallToolResult {
  const structured = redact(toJson(value), secrets)
  return {
    content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }],
    structuredContent: structured,
  }
}

/** What a failure says: its type, message, request id and what else helps the caller. */
export function describeFailure(error: unknown): {
  type: string
  message: string
  requestId?: string
  [key: string]: unknown
} {
  if (error instanceof CodeCatalystServiceError) {
    return {
      type: error.errorType ?? error.name,
      message: error.message,
      ...(error.requestId !== undefined && { requestId: error.requestId }),
      status: error.status,
      retryable: error.retryable,
      attempts: error.attempts,
    }
  }
  if (error instanceof CodeCatalystWaitTimeoutError) {
    return {
      type: 'WaitTimeout',
      message: error.message,
      timeoutMs: error.timeoutMs,
      ...(error.lastRun !== undefined && { lastRun: toJson(error.lastRun) }),
    }
  }
  if (error instanceof CodeCatalystInputError) {
    return {
      type: 'InvalidInput',
      message: error.message,
      parameter: error.parameter,
      constraint: error.constraint,
    }
  }
  if (error instanceof CodeCatalystError) {
    return { type: error.name, message: error.message, attempts: error.attempts }
  }
  if (error instanceof ToolError) {
    return { type: error.type, message: error.message, ...error.details }
  }
  return { type: 'InternalError', message: error instanceof Error ? error.message : String(error) }
}

/** Where an error result carries its details as JSON: its `_meta` key. */
export const errorMetaKey = 'codecatalyst-runs/error'

/**
 * A failure as an `isError` result: the text `Type: message (request id …)` and, on the next
 * lines, its details as JSON; the same details in `_meta` under `codecatalyst-runs/error`. Not in
 * `structuredContent`: a client checks that against the tool's outputSchema, and the SDK's own
 * client (2.3.1, in the Inspector) refuses an error result whose `structuredContent` is not an
 * output of the tool.
 */
export function failure(error: unknown, secrets: readonly string[]): CallToolResult {
  const described = redact(describeFailure(error), secrets)
  const requestId = described.requestId === undefined ? '' : ` (request id ${described.requestId})`
  return {
    isError: true,
    content: [
      {
        type: 'text',
        text: `${described.type}: ${described.message}${requestId}\n\n${JSON.stringify(described, null, 2)}`,
      },
    ],
    _meta: { [errorMetaKey]: described },
  }
}
