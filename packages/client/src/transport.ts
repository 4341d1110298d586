// The HTTP client under hey-api's generated SDK, through hey-api's custom-client protocol:
// generated/sdk.gen.ts imports the types and `buildClientParams` from here, and calls
// `get`/`post`/`put` of the object `createTransport` returns. It builds each request once, then
// sends it with a per-attempt timeout, retrying as the client's retry policy says
// (internal/retry-policy.ts); every failure is shaped into the client's errors here, where it is met.
import {
  CodeCatalystAbortError,
  CodeCatalystConnectionError,
  type CodeCatalystError,
  CodeCatalystResponseError,
  CodeCatalystTimeoutError,
} from './errors.js'
import { type Hooks, type Logger, runHook } from './hooks.js'
import { sleep, withDeadline } from './internal/abort.js'
import type { RetryPolicy } from './internal/retry-policy.js'
import { requestIdOf, serviceErrorFrom } from './service-error.js'

/** What the core passes with every call. */
export interface SendOptions {
  /** The spec's operationId, for logs and hooks. */
  readonly operation: string
  /** The bearer token for this call. */
  readonly token: string
  readonly signal?: AbortSignal | undefined
  /** Time allowed for each attempt, in milliseconds. */
  readonly timeoutMs: number
  /** Whether an attempt whose answer was lost may be sent again (see Operation.retrySafe). */
  readonly retrySafe: boolean
  readonly headers?: Readonly<Record<string, unknown>>
}

/** One request as the generated SDK describes it. */
export interface RequestSpec extends SendOptions {
  /** The path template, e.g. `/v1/spaces/{spaceName}/…`. */
  readonly url: string
  readonly security?: ReadonlyArray<{ readonly type: string; readonly scheme?: string }>
  readonly path?: Readonly<Record<string, unknown>>
  readonly query?: Readonly<Record<string, unknown>>
  readonly body?: unknown
  readonly client?: unknown
  readonly meta?: unknown
}

/** A 2xx answer: its parsed JSON body (not yet checked against the spec). */
export interface TransportResult<Data> {
  readonly data: Data
  readonly response: Response
  /** The attempts it took, this one included. */
  readonly attempts: number
}

// The names the generated SDK imports.
export type TDataShape = {
  body?: unknown
  headers?: unknown
  path?: unknown
  query?: unknown
  url: string
}
export type ClientMeta = Record<never, never>
export type Options<
  _TData extends TDataShape = TDataShape,
  _ThrowOnError extends boolean = boolean,
  _TResponse = unknown,
> = SendOptions
export type RequestResult<Responses, _Errors, _ThrowOnError extends boolean> = Promise<
  TransportResult<Responses extends Record<number, infer Data> ? Data : unknown>
>
type Method = <Responses = unknown, Errors = unknown, ThrowOnError extends boolean = false>(
  spec: RequestSpec,
) => RequestResult<Responses, Errors, ThrowOnError>
export interface Client {
  readonly get: Method
  readonly post: Method
  readonly put: Method
  readonly patch: Method
  readonly delete: Method
}

interface Field {
  readonly in: 'path' | 'query' | 'body' | 'headers'
  readonly key?: string
  readonly map?: string
}
type FieldsConfig = ReadonlyArray<Field | { readonly args?: ReadonlyArray<Field> }>
interface ClientParams {
  path?: Record<string, unknown>
  query?: Record<string, unknown>
  headers?: Record<string, unknown>
  body?: Record<string, unknown>
}

/**
 * The SDK's flat parameters, sorted into path, query, headers and body by the map the generator
 * wrote from the spec. An operation with body members always sends a body, `{}` when none is
 * given, as the AWS SDKs do.
 */
export function buildClientParams(
  args: ReadonlyArray<unknown>,
  fields: FieldsConfig,
): ClientParams {
  const parameters = (args[0] ?? {}) as Record<string, unknown>
  const params: ClientParams = {}
  for (const config of fields) {
    for (const field of 'in' in config ? [config] : (config.args ?? [])) {
      if (field.key === undefined) throw new Error('A whole-body parameter is not supported.')
      const slot = params[field.in] ?? {}
      params[field.in] = slot
      const value = parameters[field.key]
      if (value !== undefined) slot[field.map ?? field.key] = value
    }
  }
  return params
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

export function createTransport(settings: TransportSettings): Client {
  const method =
    (name: string): Method =>
    (spec) =>
      request(settings, name, spec) as never
  return {
    get: method('GET'),
    post: method('POST'),
    put: method('PUT'),
    patch: method('PATCH'),
    delete: method('DELETE'),
  }
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
  method: string,
  spec: RequestSpec,
): Promise<TransportResult<unknown>> {
  const { logger, hooks } = settings
  const headers: Record<string, string> = { ...settings.headers }
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value)
  }
  const bearer = spec.security?.some(
    (scheme) => scheme.type === 'http' && scheme.scheme === 'bearer',
  )
  const path = expandPath(spec.url, spec.path) + queryString(spec.query)
  const url = settings.baseUrl + path
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body)
  const timed = logger !== undefined || hooks.onResponse !== undefined
  const { policy } = settings
  const call = policy.start()
  for (let attempt = 1; ; attempt++) {
    // In adaptive mode, wait for the client's rate limiter.
    const turn = policy.turn(spec.signal, attempt)
    if (turn) await turn
    let sent = headers
    if (hooks.onRequest) {
      // Hooks may add headers (tracing); they never see the token.
      const shown = new Headers(headers)
      runHook(
        hooks,
        'onRequest',
        { operation: spec.operation, attempt, method, url, headers: shown },
        logger,
      )
      sent = Object.fromEntries(shown)
    }
    if (bearer) sent = { ...sent, authorization: `Bearer ${spec.token}` }

    // The attempt, and how it went.
    const started = timed ? performance.now() : 0
    policy.sending(call)
    const outcome = await attemptOnce(settings, url, { method, headers: sent, body }, spec)
    const durationMs = timed ? Math.round(performance.now() - started) : 0
    const response = 'response' in outcome ? outcome.response : undefined
    if (response && hooks.onResponse) {
      const event = {
        operation: spec.operation,
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
      logger?.debug(attemptLine(spec.operation, method, path, attempt, durationMs, response))
      let data: unknown
      try {
        data = outcome.text === '' ? undefined : JSON.parse(outcome.text)
      } catch {
        throw errorFor({ type: 'not-json', response: outcome.response }, attempt, spec.timeoutMs)
      }
      return { data, response: outcome.response, attempts: attempt }
    }

    // A failure: the policy says how long to wait before the next attempt, or to stop.
    const error = errorFor(outcome, attempt, spec.timeoutMs)
    const decision = policy.failed(call, error, attempt, spec.retrySafe)
    logger?.debug(
      `${attemptLine(spec.operation, method, path, attempt, durationMs, response, outcome)}${decision.stop ? '' : `, retrying in ${Math.round(decision.delayMs)} ms`}`,
    )
    if (decision.stop) {
      throw decision.note === undefined
        ? error
        : errorFor(outcome, attempt, spec.timeoutMs, decision.note)
    }
    const { delayMs } = decision
    runHook(hooks, 'onRetry', { operation: spec.operation, attempt, error, delayMs }, logger)
    await sleep(delayMs, spec.signal, attempt)
  }
}

/** One attempt: its 2xx answer and body text, or how it failed. Never throws. */
async function attemptOnce(
  settings: TransportSettings,
  url: string,
  init: RequestInit,
  spec: RequestSpec,
): Promise<{ readonly response: Response; readonly text: string } | Failure> {
  // Without a per-attempt timeout (timeoutMs: Infinity) and a caller's signal, fetch gets no
  // signal at all: undici's handling of one costs a sixth of its throughput at 32 concurrent calls.
  const caller = spec.signal
  const deadline = withDeadline(caller, spec.timeoutMs)
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

function expandPath(template: string, values: Readonly<Record<string, unknown>> = {}): string {
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

function queryString(values: Readonly<Record<string, unknown>> | undefined): string {
  if (values === undefined) return ''
  const pairs: string[] = []
  for (const [name, value] of Object.entries(values)) {
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
