// The HTTP client under hey-api's generated SDK, through hey-api's custom-client protocol:
// generated/sdk.gen.ts imports the types and `buildClientParams` from here, and calls
// `get`/`post`/`put` of the object `createTransport` returns. It builds each request once, then
// sends it with a per-attempt timeout, retrying what the retry classifier allows; every failure is
// shaped into the client's errors here, where the response is read.
import {
  CodeCatalystAbortError,
  CodeCatalystConnectionError,
  type CodeCatalystError,
  CodeCatalystResponseError,
  CodeCatalystTimeoutError,
} from './errors.js'
import { backoffDelay, classifyFailure, defaultBackoff, retryAfterMs, sleep } from './retry.js'
import { requestIdOf, serviceErrorFrom } from './service-error.js'

/** What the core passes with every call. */
export interface SendOptions {
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
  readonly maxAttempts: number
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

async function request(
  settings: TransportSettings,
  method: string,
  spec: RequestSpec,
): Promise<TransportResult<unknown>> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name] = String(value)
  }
  if (spec.security?.some((scheme) => scheme.type === 'http' && scheme.scheme === 'bearer')) {
    headers.authorization = `Bearer ${spec.token}`
  }
  const init: RequestInit = {
    method,
    headers,
    body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    // The API never redirects; following one could carry the token elsewhere.
    redirect: 'manual',
  }
  const url = settings.baseUrl + expandPath(spec.url, spec.path) + queryString(spec.query)
  for (let attempt = 1; ; attempt++) {
    let failure: CodeCatalystError
    try {
      return await attemptOnce(settings, url, init, spec, attempt)
    } catch (error) {
      failure = error as CodeCatalystError
    }
    const kind = classifyFailure(failure)
    // A lost answer to a request that is not safe to repeat may have done its work already.
    const lostAnswer = !('status' in failure)
    if (attempt >= settings.maxAttempts || !kind || (lostAnswer && !spec.retrySafe)) throw failure
    const headersOfAnswer = 'headers' in failure ? (failure.headers as Headers) : undefined
    const delay = backoffDelay(
      attempt,
      kind === 'throttling',
      headersOfAnswer && retryAfterMs(headersOfAnswer),
      defaultBackoff,
    )
    if (delay === undefined) throw failure
    await sleep(delay, spec.signal, attempt)
  }
}

async function attemptOnce(
  settings: TransportSettings,
  url: string,
  init: RequestInit,
  spec: RequestSpec,
  attempt: number,
): Promise<TransportResult<unknown>> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), spec.timeoutMs)
  const signal = spec.signal ? AbortSignal.any([spec.signal, timeout.signal]) : timeout.signal
  const failed = (error: unknown) => {
    if (spec.signal?.aborted) {
      return new CodeCatalystAbortError({ cause: spec.signal.reason, attempts: attempt })
    }
    if (timeout.signal.aborted) return new CodeCatalystTimeoutError(spec.timeoutMs, attempt)
    return connectionError(error, attempt)
  }
  try {
    let response: Response
    let text: string
    try {
      response = await (settings.fetch ?? fetch)(url, { ...init, signal })
      // Read inside the attempt: a connection lost mid-body is a failure to retry.
      text = await response.text()
    } catch (error) {
      throw failed(error)
    }
    if (!response.ok) throw serviceErrorFrom(response, parseLoosely(text), attempt)
    let data: unknown
    try {
      data = text === '' ? undefined : JSON.parse(text)
    } catch {
      throw new CodeCatalystResponseError(
        'The response body is not valid JSON.',
        undefined,
        response.status,
        requestIdOf(response),
        attempt,
      )
    }
    return { data, response, attempts: attempt }
  } finally {
    clearTimeout(timer)
  }
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

function connectionError(error: unknown, attempts: number): CodeCatalystConnectionError {
  // fetch wraps the system error (ECONNREFUSED, ECONNRESET, …) as its cause.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  const detail = [
    cause?.code,
    cause?.message,
    error instanceof Error ? error.message : undefined,
  ].find((part): part is string => typeof part === 'string' && part !== '')
  return new CodeCatalystConnectionError(
    `Could not reach CodeCatalyst (${detail ?? 'unknown error'}).`,
    { cause: error, attempts },
  )
}
