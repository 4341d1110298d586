import { CodeCatalystConfigurationError } from './errors.js'
import { defaultBaseUrl } from './generated/operations.gen.js'
import { clientVersion } from './generated/version.gen.js'
import { type Hooks, type Logger, type RetryEvent, runHook } from './hooks.js'
import { abortError } from './internal/abort.js'
import { AdaptiveRateLimiter } from './internal/rate-limiter.js'
import { defaultBackoff } from './internal/retry.js'
import { createRetryPolicy } from './internal/retry-policy.js'
import { RetryQuota } from './internal/retry-quota.js'
import { requestIdOf } from './internal/service-error.js'
import { createTransport } from './internal/transport.js'
import {
  checkAppId,
  checkBaseUrl,
  checkCount,
  checkDuration,
  checkHeaders,
  checkHooks,
  checkLogger,
  checkRetryMode,
} from './internal/validate-options.js'
import type { Operation } from './operation.js'

export type TokenProvider = string | (() => string | Promise<string>)

/**
 * `standard`: each call retries within the client's shared retry budget. `adaptive`: as well, a
 * rate limiter in front of every attempt slows the whole client down when the service throttles.
 */
export type RetryMode = 'standard' | 'adaptive'

export interface CodeCatalystClientOptions {
  /** A CodeCatalyst personal access token, or a function that returns one. Default: env CODECATALYST_TOKEN. */
  token?: TokenProvider
  /** Default: env CODECATALYST_ENDPOINT, else the spec's server, https://codecatalyst.global.api.aws. */
  baseUrl?: string
  /** Attempts per call, the first included. Default 3; 1 disables retries. */
  maxAttempts?: number
  /**
   * Time allowed for each attempt, in milliseconds. Default 30 000. `Infinity`: no per-attempt
   * timeout, and (without a call's `signal`) no abort signal for fetch to follow, which undici
   * makes costly under concurrency; an attempt then waits as long as the connection lasts.
   */
  timeoutMs?: number
  /** Default `standard`. */
  retryMode?: RetryMode
  /** A fetch implementation to use instead of the global one. */
  fetch?: typeof fetch
  /** Where to write what the client does (one debug line per attempt); `console` or pino fit. */
  logger?: Logger
  /** Callbacks on each attempt, answer and retry, for metrics and tracing. */
  hooks?: Hooks
  /**
   * Headers sent with every request (not `authorization`, `host`, `content-length` or
   * `user-agent`); an operation's own `content-type` replaces one given here.
   */
  headers?: Record<string, string>
  /** Names your application in the user agent: `… app/<appId>`. */
  appId?: string
}

export interface RequestOptions {
  /** Aborts the call at once, including a backoff wait. An aborted call is not retried. */
  signal?: AbortSignal
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number
}

/**
 * What every operation runs on: the token, the endpoint, timeouts, retries and error shaping,
 * the same for all of them. `createCodeCatalystClient` wraps one; on its own, with the operation
 * functions (`getWorkflowRun(core, input)`, …), a bundle carries only the operations it imports.
 */
export interface CodeCatalystCore {
  /** What `Object.prototype.toString` calls it; it also keeps any other object from passing for one. */
  readonly [Symbol.toStringTag]: 'CodeCatalystCore'
  /**
   * Checks the input against the spec, sends it, and returns the checked, converted output.
   * @internal The generated operation functions call it with their descriptors; users call those.
   */
  send<Input, Output>(
    operation: Operation<Input, Output>,
    input: Input,
    options?: RequestOptions,
  ): Promise<Output>
  /**
   * Reports a retry made above the core, such as a waiter's next poll after a failed one, to the
   * client's logger (debug) and its onRetry hook.
   * @internal
   */
  reportRetry(event: RetryEvent): void
}

const defaultTimeoutMs = 30_000
const defaultMaxAttempts = 3

export function createCodeCatalystCore(options: CodeCatalystClientOptions = {}): CodeCatalystCore {
  const baseUrl = checkBaseUrl(options.baseUrl ?? endpointFromEnvironment() ?? defaultBaseUrl)
  const maxAttempts = checkCount('maxAttempts', options.maxAttempts ?? defaultMaxAttempts)
  const clientTimeoutMs = checkDuration('timeoutMs', options.timeoutMs ?? defaultTimeoutMs, true)
  const retryMode = checkRetryMode(options.retryMode ?? 'standard')
  const agent = userAgent(checkAppId(options.appId))
  // Read lazily so that the token is never kept on an object anyone can print.
  const tokenProvider = options.token ?? tokenFromEnvironment
  const logger = checkLogger(options.logger)
  const hooks = checkHooks(options.hooks)
  const transport = createTransport({
    baseUrl,
    fetch: options.fetch,
    policy: createRetryPolicy({
      maxAttempts,
      backoff: defaultBackoff,
      quota: new RetryQuota(),
      limiter: retryMode === 'adaptive' ? new AdaptiveRateLimiter() : undefined,
    }),
    logger,
    hooks,
    headers: {
      ...checkHeaders(options.headers),
      ...(agent === undefined ? {} : { 'user-agent': agent }),
    },
  })

  return {
    [Symbol.toStringTag]: 'CodeCatalystCore',
    reportRetry(event) {
      logger?.debug(
        `codecatalyst-runs ${event.operation}: ${event.error.message} Trying again in ${Math.round(event.delayMs)} ms.`,
      )
      runHook(hooks, 'onRetry', event, logger)
    },
    async send(operation, input, requestOptions = {}) {
      operation.checkInput(input)
      const { signal } = requestOptions
      const timeoutMs =
        requestOptions.timeoutMs === undefined
          ? clientTimeoutMs
          : checkDuration('timeoutMs', requestOptions.timeoutMs, true)
      if (signal?.aborted) throw abortError(signal, 0)
      const resolved = resolveToken(tokenProvider)
      const token = typeof resolved === 'string' ? resolved : await resolved
      const { data, response, attempts } = await transport.send(
        operation as Operation<unknown, unknown>,
        withIdempotencyToken(operation, input) as Record<string, unknown>,
        { token, signal, timeoutMs },
      )
      return operation.parseOutput(data, {
        status: response.status,
        requestId: requestIdOf(response),
        attempts,
      })
    },
  }
}

/**
 * The input with a fresh idempotency token when the operation has one and the caller gave none.
 * Made once per call, so that every attempt of the call sends the same token: a retried
 * StartWorkflowRun never starts two runs.
 */
function withIdempotencyToken<Input>(operation: Operation<Input, unknown>, input: Input): Input {
  const member = operation.idempotencyToken
  if (member === undefined || (input as Record<string, unknown>)[member] !== undefined) return input
  return { ...input, [member]: randomToken() }
}

/** A random UUID v4: `crypto.randomUUID` where the runtime has it (browsers: secure contexts only). */
export function randomToken(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID()
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * `codecatalyst-runs/<version> <runtime>/<version> [app/<appId>]`, or undefined in a browser,
 * which sends its own and does not let a page set it.
 */
function userAgent(appId: string | undefined): string | undefined {
  const runtime = globalThis as {
    Deno?: { version?: { deno?: string } }
    Bun?: { version?: string }
    process?: { versions?: { node?: string } }
  }
  // Deno and Bun carry a `process` too: they are asked first.
  const name = runtime.Deno?.version?.deno
    ? `deno/${runtime.Deno.version.deno}`
    : runtime.Bun?.version
      ? `bun/${runtime.Bun.version}`
      : runtime.process?.versions?.node
        ? `node/${runtime.process.versions.node}`
        : undefined
  if (name === undefined) return undefined
  return `codecatalyst-runs/${clientVersion} ${name}${appId ? ` app/${appId}` : ''}`
}

/** CODECATALYST_ENDPOINT, where the runtime has an environment and lets it be read. */
function endpointFromEnvironment(): string | undefined {
  try {
    return globalThis.process?.env?.CODECATALYST_ENDPOINT || undefined
  } catch {
    // Deno without --allow-env: as if it were not set.
    return undefined
  }
}

function tokenFromEnvironment(): string {
  try {
    return globalThis.process?.env?.CODECATALYST_TOKEN ?? ''
  } catch (cause) {
    // Deno without --allow-env throws here rather than answering undefined.
    throw new CodeCatalystConfigurationError(
      `Could not read CODECATALYST_TOKEN (${cause instanceof Error ? cause.message : String(cause)}): allow reading it, or pass \`token\` to createCodeCatalystClient.`,
      'token',
      { cause },
    )
  }
}

/** The token for a call; a token function that answers at once costs no extra turn. */
function resolveToken(provider: TokenProvider): string | Promise<string> {
  if (typeof provider !== 'function') return checkToken(provider)
  const failed = (cause: unknown) => {
    if (cause instanceof CodeCatalystConfigurationError) throw cause
    throw new CodeCatalystConfigurationError('The token function failed.', 'token', { cause })
  }
  let produced: unknown
  try {
    produced = provider()
  } catch (cause) {
    failed(cause)
  }
  const thenable = typeof (produced as PromiseLike<unknown> | undefined)?.then === 'function'
  return thenable ? Promise.resolve(produced).then(checkToken, failed) : checkToken(produced)
}

function checkToken(token: unknown): string {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new CodeCatalystConfigurationError(
      'No CodeCatalyst token: pass `token` to createCodeCatalystClient or set CODECATALYST_TOKEN.',
      'token',
    )
  }
  // A header cannot carry these; say so without echoing the secret.
  if (/[^\x21-\x7e]/.test(token)) {
    throw new CodeCatalystConfigurationError(
      'The CodeCatalyst token contains whitespace or non-ASCII characters.',
      'token',
    )
  }
  return token
}
