import type { GetWorkflowRunErrors } from '@codecatalyst-runs/types'

/** The base of everything the client throws. */
export class CodeCatalystError extends Error {
  override name = 'CodeCatalystError'
  /** How many HTTP attempts were made before this error was thrown (0 when none was sent). */
  attempts = 0
}

/** A constructor argument or call option is unusable (no token, a bad baseUrl, …). */
export class CodeCatalystConfigurationError extends CodeCatalystError {
  override name = 'CodeCatalystConfigurationError'
  constructor(
    message: string,
    /** The option at fault. */
    readonly option: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** An input violates the spec's constraints; nothing was sent. */
export class CodeCatalystInputError extends CodeCatalystError {
  override name = 'CodeCatalystInputError'
  constructor(
    /** The parameter at fault, e.g. `spaceName`. */
    readonly parameter: string,
    /**
     * The violated constraint: `required`, `type`, `minLength`, `maxLength`, `pattern`, or `path`
     * (a value that cannot be a URL path segment).
     */
    readonly constraint: string,
    message: string,
  ) {
    super(message)
  }
}

/** A 2xx response whose body is not a valid workflow run. */
export class CodeCatalystResponseError extends CodeCatalystError {
  override name = 'CodeCatalystResponseError'
  constructor(
    message: string,
    /** The response field at fault, when one is. */
    readonly field: string | undefined,
    readonly status: number,
    readonly requestId: string | undefined,
  ) {
    super(message)
  }
}

/** The request never got an HTTP answer: refused, reset, DNS failure, TLS failure, … */
export class CodeCatalystConnectionError extends CodeCatalystError {
  override name = 'CodeCatalystConnectionError'
}

/** One attempt took longer than its `timeoutMs`. */
export class CodeCatalystTimeoutError extends CodeCatalystError {
  override name = 'CodeCatalystTimeoutError'
  constructor(readonly timeoutMs: number) {
    super(`The request timed out after ${timeoutMs} ms.`)
  }
}

/** The caller's `signal` aborted the call. Never retried. */
export class CodeCatalystAbortError extends CodeCatalystError {
  override name = 'CodeCatalystAbortError'
  constructor(options?: ErrorOptions) {
    super('The request was aborted.', options)
  }
}

/** `waitForWorkflowRun` ran out of time before the run reached a terminal status. */
export class CodeCatalystWaitTimeoutError<Run = unknown> extends CodeCatalystError {
  override name = 'CodeCatalystWaitTimeoutError'
  constructor(
    readonly timeoutMs: number,
    /** The last run seen before time ran out, if any answer arrived. */
    readonly lastRun: Run | undefined,
  ) {
    super(
      `The workflow run did not reach a terminal status within ${timeoutMs} ms` +
        (lastRun && typeof lastRun === 'object' && 'status' in lastRun
          ? ` (last status: ${String(lastRun.status)}).`
          : '.'),
    )
  }
}

export interface ServiceErrorDetails {
  status: number
  /** The service's error name, from `x-amzn-errortype` or the body, when it sent one. */
  errorType: string | undefined
  requestId: string | undefined
  headers: Headers
  /** The parsed JSON body, or the text of a body that is not JSON. */
  body: unknown
}

/** The service (or a proxy in front of it) answered with an error status. */
export class CodeCatalystServiceError extends CodeCatalystError {
  override name = 'CodeCatalystServiceError'
  readonly status: number
  readonly errorType: string | undefined
  readonly requestId: string | undefined
  readonly headers: Headers
  readonly body: unknown
  /** Whether the client retries this error (throttling and transient 5xx). */
  readonly retryable: boolean

  constructor(message: string, details: ServiceErrorDetails) {
    super(message)
    this.status = details.status
    this.errorType = details.errorType
    this.requestId = details.requestId
    this.headers = details.headers
    this.body = details.body
    this.retryable = retryableStatuses.has(details.status)
  }
}

const retryableStatuses = new Set([429, 500, 502, 503, 504])

// One class per error the spec models, named as the service names it. Explicit `name` strings
// survive minification; `status` is the code the spec gives the error.
export class ValidationException extends CodeCatalystServiceError {
  override name = 'ValidationException'
  static readonly status = 400
}
export class ServiceQuotaExceededException extends CodeCatalystServiceError {
  override name = 'ServiceQuotaExceededException'
  static readonly status = 402
}
export class AccessDeniedException extends CodeCatalystServiceError {
  override name = 'AccessDeniedException'
  static readonly status = 403
}
export class ResourceNotFoundException extends CodeCatalystServiceError {
  override name = 'ResourceNotFoundException'
  static readonly status = 404
}
export class ConflictException extends CodeCatalystServiceError {
  override name = 'ConflictException'
  static readonly status = 409
}
export class ThrottlingException extends CodeCatalystServiceError {
  override name = 'ThrottlingException'
  static readonly status = 429
  override readonly retryable = true
}

type ModelledErrorClass = (new (
  message: string,
  details: ServiceErrorDetails,
) => CodeCatalystServiceError) & { readonly status: keyof GetWorkflowRunErrors }

/**
 * The modelled errors by name. `satisfies` ties them to the spec: a status the spec adds, drops
 * or renumbers fails the type check until this list follows.
 */
export const modelledErrors = {
  ValidationException,
  ServiceQuotaExceededException,
  AccessDeniedException,
  ResourceNotFoundException,
  ConflictException,
  ThrottlingException,
} satisfies Record<string, ModelledErrorClass>
