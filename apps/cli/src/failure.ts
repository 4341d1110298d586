import { inspect } from 'node:util'
import {
  CodeCatalystAbortError,
  CodeCatalystConfigurationError,
  CodeCatalystConnectionError,
  CodeCatalystError,
  CodeCatalystInputError,
  CodeCatalystResponseError,
  CodeCatalystServiceError,
  CodeCatalystTimeoutError,
  CodeCatalystWaitTimeoutError,
  type WorkflowRun,
} from '@codecatalyst-runs/client'
import { formatDuration } from './duration.js'

export const exitCodes = {
  ok: 0,
  runNotSucceeded: 1,
  usage: 2,
  api: 3,
  network: 4,
  // sysexits' EX_SOFTWARE: a failure the CLI did not foresee, that is a bug in it.
  unexpected: 70,
  interrupted: 130,
  terminated: 143,
} as const

/** A mistake in how the command was called. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A workflow or run the command names that is not there (or not only once). Nothing was started. */
export class LookupError extends Error {
  override name = 'LookupError'
}

/** The exit code and the one or two sentences to print for an error. */
export function describeFailure(
  error: unknown,
  signal?: NodeJS.Signals,
): { code: number; message: string } {
  if (error instanceof UsageError) {
    return {
      code: exitCodes.usage,
      message: `${error.message}\nRun 'codecatalyst-runs --help' for usage.`,
    }
  }
  if (error instanceof LookupError) return { code: exitCodes.usage, message: error.message }
  if (error instanceof CodeCatalystConfigurationError && error.option === 'baseUrl') {
    return {
      code: exitCodes.usage,
      message: `Invalid endpoint (--endpoint or CODECATALYST_ENDPOINT): ${error.message} Nothing was sent.`,
    }
  }
  if (error instanceof CodeCatalystInputError || error instanceof CodeCatalystConfigurationError) {
    return { code: exitCodes.usage, message: `Invalid input: ${error.message} Nothing was sent.` }
  }
  if (error instanceof CodeCatalystServiceError) {
    const details = [`HTTP ${error.status}`, error.requestId && `request id ${error.requestId}`]
    return {
      code: exitCodes.api,
      message: `CodeCatalyst answered with ${error.errorType ?? 'an error'}: ${error.message}\n(${details.filter(Boolean).join(', ')})`,
    }
  }
  if (error instanceof CodeCatalystResponseError) {
    return {
      code: exitCodes.api,
      message: `CodeCatalyst sent an unusable answer: ${error.message}`,
    }
  }
  if (error instanceof CodeCatalystWaitTimeoutError) {
    const last = (error.lastRun as WorkflowRun | undefined)?.status
    return {
      code: exitCodes.network,
      message: `Gave up after ${formatDuration(error.timeoutMs)}: the run ${last ? `is still ${last}` : 'never answered'}.`,
    }
  }
  if (error instanceof CodeCatalystConnectionError || error instanceof CodeCatalystTimeoutError) {
    return {
      code: exitCodes.network,
      message: `${error.message} Gave up after ${error.attempts} attempt${error.attempts === 1 ? '' : 's'}.`,
    }
  }
  if (error instanceof CodeCatalystAbortError) {
    return {
      code: signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted,
      message: signal === 'SIGTERM' ? 'Terminated.' : 'Interrupted.',
    }
  }
  if (error instanceof CodeCatalystError) return { code: exitCodes.api, message: error.message }
  return {
    code: exitCodes.unexpected,
    message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
  }
}

/** What `--debug` adds: the error with its stack, cause and fields (never the token: it is on none). */
export function debugDetails(error: unknown): string {
  return inspect(error, { depth: 4, colors: false })
}
