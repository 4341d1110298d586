import type { CodeCatalystError } from './errors.js'

/** Where the client writes what it does: `console` and pino both fit. */
export interface Logger {
  /** One line per attempt. */
  debug(message: string): void
  info(message: string): void
  /** A hook that threw. */
  warn(message: string): void
  error(message: string): void
}

/** An attempt about to be sent. Its headers may be added to (tracing); its URL is fixed. */
export interface RequestEvent {
  /** The spec's operationId, e.g. `GetWorkflowRun`. */
  readonly operation: string
  /** 1 for the first attempt of the call, 2 for its first retry, … */
  readonly attempt: number
  /** The HTTP method, e.g. `GET`. */
  readonly method: string
  /** The whole URL, query included. */
  readonly url: string
  /** The request's headers, without `authorization` (the token is never shown to hooks). */
  readonly headers: Headers
}

/** An answer that arrived, whatever its status. */
export interface ResponseEvent {
  /** The spec's operationId. */
  readonly operation: string
  /** The attempt this answers: 1 for the first. */
  readonly attempt: number
  /** The HTTP method, e.g. `GET`. */
  readonly method: string
  /** The whole URL, query included. */
  readonly url: string
  /** The HTTP status. */
  readonly status: number
  /** AWS's request id, when the answer carries one. */
  readonly requestId: string | undefined
  /** From sending the attempt to having its whole body, in milliseconds. */
  readonly durationMs: number
}

/** A failed attempt that is about to be retried. */
export interface RetryEvent {
  /** The spec's operationId. */
  readonly operation: string
  /** The attempt that failed. */
  readonly attempt: number
  /** Why it failed, as the call would have thrown it. */
  readonly error: CodeCatalystError
  /** How long the client waits before the next attempt, in milliseconds. */
  readonly delayMs: number
}

/**
 * Calls into your code for metrics and tracing. They observe calls; they do not decide them: a
 * hook that throws is reported through the logger's `warn` and otherwise ignored.
 */
export interface Hooks {
  /** Before each attempt is sent. */
  onRequest?(event: RequestEvent): void
  /** When an answer arrives, whatever its status. */
  onResponse?(event: ResponseEvent): void
  /** Before the client retries a failed attempt. */
  onRetry?(event: RetryEvent): void
}

/** Calls a hook, if there is one, and keeps its failure from failing the call. */
export function runHook<Event>(
  hooks: Hooks,
  name: keyof Hooks,
  event: Event,
  logger: Logger | undefined,
): void {
  const hook = hooks[name] as ((event: Event) => void) | undefined
  if (hook === undefined) return
  try {
    hook.call(hooks, event)
  } catch (error) {
    logger?.warn(
      `codecatalyst-runs: the ${name} hook threw (${error instanceof Error ? error.message : String(error)}); the call goes on.`,
    )
  }
}
