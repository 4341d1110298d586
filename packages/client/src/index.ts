export type { WorkflowRunStatus, WorkflowRunStatusReason } from '@codecatalyst-runs/types'
export {
  type CodeCatalystClient,
  type CodeCatalystClientOptions,
  createCodeCatalystClient,
  type RequestOptions,
  type TokenProvider,
} from './client.js'
export {
  AccessDeniedException,
  CodeCatalystAbortError,
  CodeCatalystConfigurationError,
  CodeCatalystConnectionError,
  CodeCatalystError,
  CodeCatalystInputError,
  CodeCatalystResponseError,
  CodeCatalystServiceError,
  CodeCatalystTimeoutError,
  CodeCatalystWaitTimeoutError,
  ConflictException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from './errors.js'
export type { GetWorkflowRunInput } from './input.js'
export { isTerminalStatus, type TerminalStatus } from './status.js'
export type { WaitOptions } from './waiter.js'
export type { WorkflowRun } from './workflow-run.js'
