import { CodeCatalystServiceError } from '../errors.js'
import { modelledErrors } from '../generated/errors.gen.js'
import { classifyResponse } from './retry.js'

// Keyed by the names in `modelledErrors`, not by `Class.name`, which minifiers may rename.
const modelledByName = new Map<string, typeof CodeCatalystServiceError>(
  Object.entries(modelledErrors),
)
const modelledByStatus = new Map(
  Object.entries(modelledErrors).map(([name, ErrorClass]) => [ErrorClass.status as number, name]),
)

/** The request id AWS sends back, under any of the header names seen in the wild. */
export function requestIdOf(response: Response): string | undefined {
  const { headers } = response
  return (
    headers.get('x-amzn-requestid') ??
    headers.get('x-amzn-request-id') ??
    headers.get('x-amz-request-id') ??
    undefined
  )
}

/**
 * `com.amazonaws.codecatalyst#ThrottlingException:http://…` → `ThrottlingException`: the
 * restJson1 rule, keep what is after `#` and before `:`.
 */
function cleanErrorType(raw: string): string | undefined {
  let name = raw.trim()
  if (name.includes(':')) name = name.slice(0, name.indexOf(':'))
  if (name.includes('#')) name = name.slice(name.indexOf('#') + 1)
  return name === '' ? undefined : name
}

/**
 * The error for a non-2xx response, built once, where the response is read. Like the AWS SDKs,
 * the class follows the error type the service names (header, then body `code`/`__type`); the
 * status code decides only when no type is named. Anything else keeps its status and type name
 * in a CodeCatalystServiceError.
 */
export function serviceErrorFrom(
  response: Response,
  body: unknown,
  attempts: number,
  note?: string,
): CodeCatalystServiceError {
  const fields = isRecord(body) ? body : {}
  const errorType = errorTypeOf(response, body)
  const ErrorClass =
    (errorType === undefined ? undefined : modelledByName.get(errorType)) ??
    CodeCatalystServiceError
  const message =
    stringField(fields, 'message') ??
    stringField(fields, 'Message') ??
    problemMessage(fields) ??
    `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${errorType ? ` (${errorType})` : ''}.`
  return new ErrorClass(message, {
    status: response.status,
    errorType,
    requestId: requestIdOf(response),
    headers: response.headers,
    body,
    retryable: classifyResponse(response.status, errorType) !== undefined,
    attempts,
    note,
  })
}

/**
 * The error type of an error response: the one it names (the `x-amzn-errortype` header, then body
 * `code`/`__type`), else the modelled error of its status, else none.
 */
export function errorTypeOf(response: Response, body: unknown): string | undefined {
  const fields = isRecord(body) ? body : {}
  const rawType =
    response.headers.get('x-amzn-errortype') ??
    stringField(fields, 'code') ??
    stringField(fields, '__type')
  const named = rawType === undefined ? undefined : cleanErrorType(rawType)
  // The status picks a modelled error only when the response names no type at all.
  return named ?? modelledByStatus.get(response.status)
}

// RFC 9457 problem details, as Prism and many proxies send them.
function problemMessage(fields: Record<string, unknown>): string | undefined {
  const title = stringField(fields, 'title')
  const detail = stringField(fields, 'detail')
  if (title && detail) return `${title}: ${detail}`
  return title ?? detail
}

function stringField(fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
