/** What every error of the client may carry besides its message. */
export interface CodeCatalystErrorOptions {
  /** How many HTTP attempts were made before the error was thrown. Default 0. */
  readonly attempts?: number
  readonly cause?: unknown
  /** A sentence added to the message: why the client stopped retrying, say. */
  readonly note?: string | undefined
}

/** The base of everything the client throws. */
export class CodeCatalystError extends Error {
  override name = 'CodeCatalystError'
  /** How many HTTP attempts were made before this error was thrown (0 when none was sent). */
  readonly attempts: number

  constructor(message: string, options: CodeCatalystErrorOptions = {}) {
    super(
      options.note ? `${message} ${options.note}` : message,
      'cause' in options ? { cause: options.cause } : undefined,
    )
    this.attempts = options.attempts ?? 0
  }
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
    /** The parameter at fault, e.g. `spaceName`, or within one, e.g. `filters[0].key`. */
    readonly parameter: string,
    /**
     * The violated constraint: `required`, `type`, `minLength`, `maxLength`, `pattern`,
     * `minimum`, `maximum`, `maxItems`, `enum`, or `path` (a value that cannot be a URL path
     * segment).
     */
    readonly constraint: string,
    message: string,
  ) {
    super(message)
  }
}

/** A 2xx response whose body breaks the spec: not JSON, a missing or mistyped field, … */
export class CodeCatalystResponseError extends CodeCatalystError {
  override name = 'CodeCatalystResponseError'
  constructor(
    message: string,
    /** The response field at fault, when one is, e.g. `items[3].startTime`. */
    readonly field: string | undefined,
    readonly status: number,
    readonly requestId: string | undefined,
    attempts = 0,
  ) {
    super(message, { attempts })
  }
}

/** The request never got an HTTP answer: refused, reset, DNS failure, TLS failure, … */
export class CodeCatalystConnectionError extends CodeCatalystError {
  override name = 'CodeCatalystConnectionError'
}

/** One attempt took longer than its `timeoutMs`. */
export class CodeCatalystTimeoutError extends CodeCatalystError {
  override name = 'CodeCatalystTimeoutError'
  constructor(
    readonly timeoutMs: number,
    options?: CodeCatalystErrorOptions,
  ) {
    super(`The request timed out after ${timeoutMs} ms.`, options)
  }
}

/** The caller's `signal` aborted the call. Never retried. */
export class CodeCatalystAbortError extends CodeCatalystError {
  override name = 'CodeCatalystAbortError'
  constructor(options?: CodeCatalystErrorOptions) {
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
    options?: CodeCatalystErrorOptions,
  ) {
    super(
      `The workflow run did not reach a terminal status within ${timeoutMs} ms` +
        (lastRun && typeof lastRun === 'object' && 'status' in lastRun
          ? ` (last status: ${String(lastRun.status)}).`
          : '.'),
      options,
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
  /** Whether the client retries this error; the retry classifier decides. Default false. */
  retryable?: boolean
  attempts?: number
  /** A sentence added to the message: why the client stopped retrying, say. */
  note?: string | undefined
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
    super(message, { attempts: details.attempts, note: details.note })
    this.status = details.status
    this.errorType = details.errorType
    this.requestId = details.requestId
    this.headers = details.headers
    this.body = details.body
    this.retryable = details.retryable ?? false
  }
}
