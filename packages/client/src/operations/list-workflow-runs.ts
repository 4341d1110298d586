import type { CodeCatalystCore, RequestOptions } from '../core.js'
import {
  ListWorkflowRuns,
  type ListWorkflowRunsInput,
  type ListWorkflowRunsResponse,
  type WorkflowRunSummary,
} from '../generated/operations.gen.js'
import { type PaginateOptions, paginate } from '../paginate.js'

export type { ListWorkflowRunsInput, WorkflowRunSummary }

/** One page of workflow runs: `items` (empty when there are none) and the next page's token. */
export type ListWorkflowRunsOutput = ListWorkflowRunsResponse

/** Retrieves one page of the runs of a workflow (or of the project, without `workflowId`). */
export function listWorkflowRuns(
  core: CodeCatalystCore,
  input: ListWorkflowRunsInput,
  options?: RequestOptions,
): Promise<ListWorkflowRunsOutput> {
  return core.send(ListWorkflowRuns, input, options)
}

/** Every run, page after page, in the service's order (which AWS's model leaves unstated). */
export function paginateWorkflowRuns(
  core: CodeCatalystCore,
  input: ListWorkflowRunsInput,
  options?: PaginateOptions,
): AsyncIterable<WorkflowRunSummary> {
  return paginate<ListWorkflowRunsInput, ListWorkflowRunsOutput, WorkflowRunSummary>(
    core,
    ListWorkflowRuns,
    input,
    options,
  )
}
