export { type CodeCatalystClient, createCodeCatalystClient } from './client.js'
export {
  type CodeCatalystClientOptions,
  type CodeCatalystCore,
  createCodeCatalystCore,
  type RequestOptions,
  type RetryMode,
  type TokenProvider,
} from './core.js'
export {
  CodeCatalystAbortError,
  CodeCatalystConfigurationError,
  CodeCatalystConnectionError,
  CodeCatalystError,
  type CodeCatalystErrorOptions,
  CodeCatalystInputError,
  CodeCatalystResponseError,
  CodeCatalystServiceError,
  CodeCatalystTimeoutError,
  CodeCatalystWaitTimeoutError,
  type ServiceErrorDetails,
} from './errors.js'
export * from './generated/errors.gen.js'
// Every operation's function, paginator and types, generated from the spec.
export * from './generated/methods.gen.js'
export type { Hooks, Logger, RequestEvent, ResponseEvent, RetryEvent } from './hooks.js'
export type { Open } from './operation.js'
export type { PaginateOptions } from './paginate.js'
export { isTerminalStatus, type TerminalStatus } from './status.js'
export { type WaitOptions, waitForWorkflowRun } from './waiter.js'
export { type WatchOptions, type WatchWorkflowRunsInput, watchWorkflowRuns } from './watch.js'
