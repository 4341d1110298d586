import {
  CodeCatalystAbortError,
  CodeCatalystConfigurationError,
  CodeCatalystConnectionError,
  CodeCatalystError,
  CodeCatalystResponseError,
  CodeCatalystServiceError,
  CodeCatalystTimeoutError,
  ThrottlingException,
} from './errors.js'
import { type Client, createClient } from './generated/client/index.js'
import { client as specDefaults } from './generated/client.gen.js'
import { getWorkflowRun as sendGetWorkflowRun } from './generated/sdk.gen.js'
import { assertValidInput, type GetWorkflowRunInput } from './input.js'
import { backoffDelay, defaultBackoff, retryAfterMs, sleep } from './retry.js'
import { requestIdOf, serviceErrorFrom } from './service-error.js'
import { checkBaseUrl, checkCount, checkDuration } from './validate-options.js'
import { type WaitOptions, waitForWorkflowRun } from './waiter.js'
import { parseWorkflowRun, type WorkflowRun } from './workflow-run.js'

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

export interface CodeCatalystClient {
  /** Returns information about a specified run of a workflow. */
  getWorkflowRun(input: GetWorkflowRunInput, options?: RequestOptions): Promise<WorkflowRun>
  /** Polls the run until its status is terminal and resolves with the final run. */
  waitForWorkflowRun(input: GetWorkflowRunInput, options?: WaitOptions): Promise<WorkflowRun>
}

const defaultTimeoutMs = 30_000
const defaultMaxAttempts = 3

export function createCodeCatalystClient(
  options: CodeCatalystClientOptions = {},
): CodeCatalystClient {
  const baseUrl = checkBaseUrl(options.baseUrl ?? (specDefaults.getConfig().baseUrl as string))
  const maxAttempts = checkCount('maxAttempts', options.maxAttempts ?? defaultMaxAttempts)
  const clientTimeoutMs = checkDuration('timeoutMs', options.timeoutMs ?? defaultTimeoutMs)
  // Read lazily so that the token is never kept on an object anyone can print.
  const tokenProvider = options.token ?? tokenFromEnvironment

  const http = withoutClientInRequestInit(createClient({ baseUrl, fetch: options.fetch }))

  async function attemptOnce(
    input: GetWorkflowRunInput,
    token: string,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<WorkflowRun> {
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), timeoutMs)
    try {
      const { data, error, response } = await sendGetWorkflowRun({
        client: http,
        path: input,
        auth: token,
        signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
        parseAs: 'json',
        // The API never redirects; following one could carry the token elsewhere.
        redirect: 'manual',
      })
      if (error === undefined && response?.ok) {
        return parseWorkflowRun(data, { status: response.status, requestId: requestIdOf(response) })
      }
      if (error instanceof CodeCatalystError) throw error
      if (signal?.aborted) throw new CodeCatalystAbortError({ cause: signal.reason })
      if (timeout.signal.aborted) throw new CodeCatalystTimeoutError(timeoutMs)
      if (response?.ok && error instanceof SyntaxError) {
        throw new CodeCatalystResponseError(
          'The response body is not valid JSON.',
          undefined,
          response.status,
          requestIdOf(response),
        )
      }
      if (response === undefined || response.ok) throw connectionError(error)
      throw serviceErrorFrom(response, error instanceof Error ? undefined : error)
    } finally {
      clearTimeout(timer)
    }
  }

  async function getWorkflowRun(
    input: GetWorkflowRunInput,
    requestOptions: RequestOptions = {},
  ): Promise<WorkflowRun> {
    assertValidInput(input)
    const { signal } = requestOptions
    const timeoutMs = checkDuration('timeoutMs', requestOptions.timeoutMs ?? clientTimeoutMs)
    if (signal?.aborted) throw new CodeCatalystAbortError({ cause: signal.reason })
    const token = await resolveToken(tokenProvider)

    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce(input, token, signal, timeoutMs)
      } catch (caught) {
        const error = caught instanceof CodeCatalystError ? caught : connectionError(caught)
        error.attempts = attempt
        if (attempt >= maxAttempts || !isRetryable(error)) throw error
        const serviceError = error instanceof CodeCatalystServiceError ? error : undefined
        const delay = backoffDelay(
          attempt,
          serviceError instanceof ThrottlingException || serviceError?.status === 429,
          serviceError && retryAfterMs(serviceError.headers),
          defaultBackoff,
        )
        if (delay === undefined) throw error
        try {
          await sleep(delay, signal)
        } catch (abort) {
          ;(abort as CodeCatalystError).attempts = attempt
          throw abort
        }
      }
    }
  }

  return {
    getWorkflowRun,
    waitForWorkflowRun: (input, waitOptions) =>
      waitForWorkflowRun(getWorkflowRun, input, waitOptions),
  }
}

/**
 * The generated SDK passes its `client` option on to the fetch client, which spreads every
 * option into the `RequestInit`. Deno's `Request` reads a `client` member of its own (a
 * Deno.HttpClient) and throws on ours, before anything is sent (hey-api/hey-api#4177).
 */
function withoutClientInRequestInit(http: Client): Client {
  return {
    ...http,
    get: ((requestOptions: Parameters<Client['get']>[0]) =>
      http.get({ ...requestOptions, client: undefined } as typeof requestOptions)) as Client['get'],
  }
}

function isRetryable(error: CodeCatalystError): boolean {
  if (error instanceof CodeCatalystServiceError) return error.retryable
  return error instanceof CodeCatalystConnectionError || error instanceof CodeCatalystTimeoutError
}

function connectionError(error: unknown): CodeCatalystConnectionError {
  // fetch wraps the system error (ECONNREFUSED, ECONNRESET, …) as its cause.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  const detail = [
    cause?.code,
    cause?.message,
    error instanceof Error ? error.message : undefined,
  ].find((part): part is string => typeof part === 'string' && part !== '')
  return new CodeCatalystConnectionError(
    `Could not reach CodeCatalyst (${detail ?? 'unknown error'}).`,
    {
      cause: error,
    },
  )
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
