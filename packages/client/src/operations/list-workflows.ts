import type { CodeCatalystCore, RequestOptions } from '../core.js'
import {
  ListWorkflows,
  type ListWorkflowsInput,
  type ListWorkflowsResponse,
  type WorkflowSummary,
} from '../generated/operations.gen.js'
import { type PaginateOptions, paginate } from '../paginate.js'

export type { ListWorkflowsInput, WorkflowSummary }

/** One page of workflows: `items` (empty when there are none) and the next page's token. */
export type ListWorkflowsOutput = ListWorkflowsResponse

/** Retrieves one page of the workflows in a project. */
export function listWorkflows(
  core: CodeCatalystCore,
  input: ListWorkflowsInput,
  options?: RequestOptions,
): Promise<ListWorkflowsOutput> {
  return core.send(ListWorkflows, input, options)
}

/** Every workflow of the project, page after page, in the service's order. */
export function paginateWorkflows(
  core: CodeCatalystCore,
  input: ListWorkflowsInput,
  options?: PaginateOptions,
): AsyncIterable<WorkflowSummary> {
  return paginate<ListWorkflowsInput, ListWorkflowsOutput, WorkflowSummary>(
    core,
    ListWorkflows,
    input,
    options,
  )
}
