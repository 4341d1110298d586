// The one request loop under every operation: it builds the request from the operation's
// descriptor (generated/operations.gen.ts: method, path template, which members go in the query
// and which in the body), then sends it with a per-attempt timeout, retrying as the client's
// retry policy says (internal/retry-policy.ts); every failure is shaped into the client's errors
// here, where it is met.
import {
  CodeCatalystAbortError,
  CodeCatalystConnectionError,
  type CodeCatalystError,
  CodeCatalystResponseError,
  CodeCatalystTimeoutError,
} from '../errors.js'
import { type Hooks, type Logger, runHook } from '../hooks.js'
import type { Operation } from '../operation.js'
import { sleep, withDeadline } from './abort.js'
import type { RetryPolicy } from './retry-policy.js'
import { requestIdOf, serviceErrorFrom } from './service-error.js'

/** What the core passes with every call. */
export interface SendOptions {
  /** The bearer token for this call. */
  readonly token: string
  readonly signal?: AbortSignal | undefined
  /** Time allowed for each attempt, in milliseconds. */
  readonly timeoutMs: number
}

/** A 2xx answer: its parsed JSON body (not yet checked against the spec). */
export interface TransportResult {
  readonly data: unknown
  readonly response: Response
  /** The attempts it took, this one included. */
  readonly attempts: number
}

export interface TransportSettings {
  /** No trailing slash. */
  readonly baseUrl: string
  /** Read at each attempt, so that a fetch replaced later is used. */
  readonly fetch: typeof fetch | undefined
  /** The client's retry policy: attempts, backoff, its shared retry budget, adaptive mode. */
  readonly policy: RetryPolicy
  readonly logger: Logger | undefined
  readonly hooks: Hooks
  /** Sent with every request (the user agent, the caller's own); never `authorization`. */
  readonly headers: Readonly<Record<string, string>>
}

export interface Transport {
  /** Sends the operation's request for `input` (already checked), attempting as the policy says. */
  send(
    operation: Operation<unknown, unknown>,
    input: Readonly<Record<string, unknown>>,
    options: SendOptions,
  ): Promise<TransportResult>
}

export function createTransport(settings: TransportSettings): Transport {
  return { send: (operation, input, options) => request(settings, operation, input, options) }
}

/** How an attempt ended when it did not end well. */
type Failure =
  | { readonly type: 'status'; readonly response: Response; readonly text: string }
  | { readonly type: 'not-json'; readonly response: Response }
  | { readonly type: 'aborted'; readonly cause: unknown }
  | { readonly type: 'timeout' }
  | { readonly type: 'lost'; readonly cause: unknown }

/** One request, built once, then attempted until it succeeds or the retry policy says stop. */
async function request(
  settings: TransportSettings,
  operation: Operation<unknown, unknown>,
  input: Readonly<Record<string, unknown>>,
  options: SendOptions,
): Promise<TransportResult> {
  const { logger, hooks } = settings
  const { method } = operation
  const headers: Record<string, string> = { ...settings.headers }
  const path = expandPath(operation.path, input) + queryString(operation.query, input)
  const url = settings.baseUrl + path
  let body: string | undefined
  if (operation.body) {
    // An operation with body members always sends a body, `{}` when none is given, as the AWS
    // SDKs do.
    const members: Record<string, unknown> = {}
    for (const name of operation.body) if (input[name] !== undefined) members[name] = input[name]
    body = JSON.stringify(members)
    headers['content-type'] = 'application/json'
  }
  const timed = logger !== undefined || hooks.onResponse !== undefined
  const { policy } = settings
  const call = policy.start()
  for (let attempt = 1; ; attempt++) {
    // In adaptive mode, wait for the client's rate limiter.
    const turn = policy.turn(options.signal, attempt)
    if (turn) await turn
    let sent = headers
    if (hooks.onRequest) {
      // Hooks may add headers (tracing); they never see the token.
      const shown = new Headers(headers)
      runHook(
        hooks,
        'onRequest',
        { operation: operation.name, attempt, method, url, headers: shown },
        logger,
      )
      sent = Object.fromEntries(shown)
    }
    // Every operation of the spec is secured by its bearer scheme (the document's `security`).
    sent = { ...sent, authorization: `Bearer ${options.token}` }

    // The attempt, and how it went.
    const started = timed ? performance.now() : 0
    policy.sending(call)
    const outcome = await attemptOnce(settings, url, { method, headers: sent, body }, options)
    const durationMs = timed ? Math.round(performance.now() - started) : 0
    const response = 'response' in outcome ? outcome.response : undefined
    if (response && hooks.onResponse) {
      const event = {
        operation: operation.name,
        attempt,
        method,
        url,
        status: response.status,
        requestId: requestIdOf(response),
        durationMs,
      }
      runHook(hooks, 'onResponse', event, logger)
    }

    // A 2xx: its body, parsed.
    if (!('type' in outcome)) {
      policy.succeeded(call)
      logger?.debug(attemptLine(operation.name, method, path, attempt, durationMs, response))
      let data: unknown
      try {
        data = outcome.text === '' ? undefined : JSON.parse(outcome.text)
      } catch {
        throw errorFor({ type: 'not-json', response: outcome.response }, attempt, options.timeoutMs)
      }
      return { data, response: outcome.response, attempts: attempt }
    }

    // A failure: the policy says how long to wait before the next attempt, or to stop.
    const error = errorFor(outcome, attempt, options.timeoutMs)
    const decision = policy.failed(call, error, attempt, operation.retrySafe)
    logger?.debug(
      `${attemptLine(operation.name, method, path, attempt, durationMs, response, outcome)}${decision.stop ? '' : `, retrying in ${Math.round(decision.delayMs)} ms`}`,
    )
    if (decision.stop) {
      throw decision.note === undefined
        ? error
        : errorFor(outcome, attempt, options.timeoutMs, decision.note)
    }
    const { delayMs } = decision
    runHook(hooks, 'onRetry', { operation: operation.name, attempt, error, delayMs }, logger)
    await sleep(delayMs, options.signal, attempt)
  }
}

/** One attempt: its 2xx answer and body text, or how it failed. Never throws. */
async function attemptOnce(
  settings: TransportSettings,
  url: string,
  init: RequestInit,
  options: SendOptions,
): Promise<{ readonly response: Response; readonly text: string } | Failure> {
  // Without a per-attempt timeout (timeoutMs: Infinity) and a caller's signal, fetch gets no
  // signal at all: undici's handling of one costs a sixth of its throughput at 32 concurrent calls.
  const caller = options.signal
  const deadline = withDeadline(caller, options.timeoutMs)
  const { signal } = deadline
  try {
    const response = await (settings.fetch ?? fetch)(url, {
      ...init,
      ...(signal && { signal }),
      redirect: 'manual',
    })
    // Read inside the attempt: a connection lost mid-body is a failure to retry.
    const text = await response.text()
    return response.ok ? { response, text } : { type: 'status', response, text }
  } catch (cause) {
    if (caller?.aborted) return { type: 'aborted', cause: caller.reason }
    if (signal?.aborted) return { type: 'timeout' }
    return { type: 'lost', cause }
  } finally {
    deadline.release()
  }
}

/** The error for a failed attempt, built once, with `attempts` and any note in it. */
function errorFor(
  failure: Failure,
  attempts: number,
  timeoutMs: number,
  note?: string,
): CodeCatalystError {
  switch (failure.type) {
    case 'status':
      return serviceErrorFrom(failure.response, parseLoosely(failure.text), attempts, note)
    case 'not-json':
      return new CodeCatalystResponseError(
        'The response body is not valid JSON.',
        undefined,
        failure.response.status,
        requestIdOf(failure.response),
        attempts,
      )
    case 'aborted':
      return new CodeCatalystAbortError({ cause: failure.cause, attempts })
    case 'timeout':
      return new CodeCatalystTimeoutError(timeoutMs, { attempts, note })
    case 'lost':
      return connectionError(failure.cause, attempts, note)
  }
}

/** The debug line of one attempt: what was asked, what came back, how long it took. */
function attemptLine(
  operation: string,
  method: string,
  path: string,
  attempt: number,
  durationMs: number,
  response: Response | undefined,
  failure?: Failure,
): string {
  const outcome = response
    ? `${response.status}, request id ${requestIdOf(response) ?? 'none'}`
    : failure?.type === 'timeout'
      ? 'timed out'
      : failure?.type === 'aborted'
        ? 'aborted'
        : `no answer (${lostDetail(failure && 'cause' in failure ? failure.cause : undefined)})`
  return `codecatalyst-runs ${operation} ${method} ${path}: ${outcome}, attempt ${attempt}, ${durationMs} ms`
}

// A template split once into literal text (even indexes) and parameter names (odd indexes).
const templates = new Map<string, readonly string[]>()

function expandPath(template: string, values: Readonly<Record<string, unknown>>): string {
  let parts = templates.get(template)
  if (parts === undefined) {
    parts = template.split(/\{([^}]+)\}/)
    templates.set(template, parts)
  }
  let path = parts[0] as string
  for (let index = 1; index < parts.length; index += 2) {
    path += encodeURIComponent(String(values[parts[index] as string])) + parts[index + 1]
  }
  return path
}

function queryString(
  names: readonly string[] | undefined,
  values: Readonly<Record<string, unknown>>,
): string {
  if (names === undefined) return ''
  const pairs: string[] = []
  for (const name of names) {
    const value = values[name]
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`)
    }
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`
}

/** An error body as JSON when it is JSON, else its text (a proxy's HTML page, say). */
function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text === '' ? undefined : text
  }
}

function connectionError(
  error: unknown,
  attempts: number,
  note?: string,
): CodeCatalystConnectionError {
  return new CodeCatalystConnectionError(`Could not reach CodeCatalyst (${lostDetail(error)}).`, {
    cause: error,
    attempts,
    note,
  })
}

/** What a lost connection says of itself: fetch wraps the system error (ECONNRESET, …). */
function lostDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  const detail = [
    cause?.code,
    cause?.message,
    error instanceof Error ? error.message : undefined,
  ].find((part): part is string => typeof part === 'string' && part !== '')
  return detail ?? 'unknown error'
}
