import type { CodeCatalystCore, RequestOptions } from '../core.js'
import {
  GetWorkflow,
  type GetWorkflowInput,
  type GetWorkflowResponse,
} from '../generated/operations.gen.js'

export type { GetWorkflowInput }

/**
 * A workflow as the client returns it: the spec's GetWorkflow response, with its timestamps as
 * `Date`s and its enums open to values the service adds later.
 */
export type Workflow = GetWorkflowResponse

/** Returns information about a workflow. */
export function getWorkflow(
  core: CodeCatalystCore,
  input: GetWorkflowInput,
  options?: RequestOptions,
): Promise<Workflow> {
  return core.send(GetWorkflow, input, options)
}
