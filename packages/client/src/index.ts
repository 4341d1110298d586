export type {
  WorkflowDefinition,
  WorkflowDefinitionSummary,
  WorkflowRunMode,
  WorkflowRunSortCriteria,
  WorkflowRunStatus,
  WorkflowRunStatusReason,
  WorkflowSortCriteria,
  WorkflowStatus,
} from '@codecatalyst-runs/types'
export { type CodeCatalystClient, createCodeCatalystClient } from './client.js'
export {
  type CodeCatalystClientOptions,
  type CodeCatalystCore,
  createCodeCatalystCore,
  type RequestOptions,
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
export type { Open, Operation, Pagination } from './operation.js'
export * from './operations/get-workflow.js'
export * from './operations/get-workflow-run.js'
export * from './operations/list-workflow-runs.js'
export * from './operations/list-workflows.js'
export * from './operations/start-workflow-run.js'
export type { PaginateOptions } from './paginate.js'
export type { ResponseContext } from './response-parsing.js'
export { isTerminalStatus, type TerminalStatus } from './status.js'
export type { WaitOptions } from './waiter.js'
