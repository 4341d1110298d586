import { CodeCatalystAbortError, CodeCatalystConfigurationError } from './errors.js'
import { defaultBaseUrl } from './generated/operations.gen.js'
import type { Operation } from './operation.js'
import { requestIdOf } from './service-error.js'
import { createTransport } from './transport.js'
import { checkBaseUrl, checkCount, checkDuration } from './validate-options.js'

export type TokenProvider = string | (() => string | Promise<string>)

export interface CodeCatalystClientOptions {
  /** A CodeCatalyst personal access token, or a function that returns one. Default: env CODECATALYST_TOKEN. */
  token?: TokenProvider
  /** Default: the spec's server, https://codecatalyst.global.api.aws. */
  baseUrl?: string
  /** Attempts per call, the first included. Default 3; 1 disables retries. */
  maxAttempts?: number
  /** Time allowed for each attempt, in milliseconds. Default 30 000. */
  timeoutMs?: number
  /** A fetch implementation to use instead of the global one. */
  fetch?: typeof fetch
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
  /** Checks the input against the spec, sends it, and returns the checked, converted output. */
  send<Input, Output>(
    operation: Operation<Input, Output>,
    input: Input,
    options?: RequestOptions,
  ): Promise<Output>
}

const defaultTimeoutMs = 30_000
const defaultMaxAttempts = 3

export function createCodeCatalystCore(options: CodeCatalystClientOptions = {}): CodeCatalystCore {
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaultBaseUrl)
  const maxAttempts = checkCount('maxAttempts', options.maxAttempts ?? defaultMaxAttempts)
  const clientTimeoutMs = checkDuration('timeoutMs', options.timeoutMs ?? defaultTimeoutMs)
  // Read lazily so that the token is never kept on an object anyone can print.
  const tokenProvider = options.token ?? tokenFromEnvironment
  const client = createTransport({ baseUrl, fetch: options.fetch, maxAttempts })

  return {
    async send(operation, input, requestOptions = {}) {
      operation.checkInput(input)
      const { signal } = requestOptions
      const timeoutMs =
        requestOptions.timeoutMs === undefined
          ? clientTimeoutMs
          : checkDuration('timeoutMs', requestOptions.timeoutMs)
      if (signal?.aborted) throw new CodeCatalystAbortError({ cause: signal.reason })
      const token = await resolveToken(tokenProvider)
      const { data, response, attempts } = await operation.send(
        withIdempotencyToken(operation, input),
        { client, token, signal, timeoutMs, retrySafe: operation.retrySafe },
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

async function resolveToken(provider: TokenProvider): Promise<string> {
  let token: unknown = provider
  if (typeof provider === 'function') {
    try {
      token = await provider()
    } catch (cause) {
      if (cause instanceof CodeCatalystConfigurationError) throw cause
      throw new CodeCatalystConfigurationError('The token function failed.', 'token', { cause })
    }
  }
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
