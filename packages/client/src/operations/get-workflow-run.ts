import type { CodeCatalystCore, RequestOptions } from '../core.js'
import {
  GetWorkflowRun,
  type GetWorkflowRunInput,
  type GetWorkflowRunResponse,
} from '../generated/operations.gen.js'
import { type WaitOptions, waitForRun } from '../waiter.js'

export type { GetWorkflowRunInput }

/**
 * A workflow run as the client returns it: the spec's GetWorkflowRun response, with its
 * timestamps as `Date`s and its enums open to values the service adds later.
 */
export type WorkflowRun = GetWorkflowRunResponse

/** Returns information about a specified run of a workflow. */
export function getWorkflowRun(
  core: CodeCatalystCore,
  input: GetWorkflowRunInput,
  options?: RequestOptions,
): Promise<WorkflowRun> {
  return core.send(GetWorkflowRun, input, options)
}

/** Polls the run until its status is terminal and resolves with the final run. */
export function waitForWorkflowRun(
  core: CodeCatalystCore,
  input: GetWorkflowRunInput,
  options?: WaitOptions,
): Promise<WorkflowRun> {
  return waitForRun((run, callOptions) => getWorkflowRun(core, run, callOptions), input, options)
}
