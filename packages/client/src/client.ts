import {
  type CodeCatalystClientOptions,
  createCodeCatalystCore,
  type RequestOptions,
} from './core.js'
import { type GetWorkflowInput, getWorkflow, type Workflow } from './operations/get-workflow.js'
import {
  type GetWorkflowRunInput,
  getWorkflowRun,
  type WorkflowRun,
  waitForWorkflowRun,
} from './operations/get-workflow-run.js'
import {
  type ListWorkflowRunsInput,
  type ListWorkflowRunsOutput,
  listWorkflowRuns,
  paginateWorkflowRuns,
  type WorkflowRunSummary,
} from './operations/list-workflow-runs.js'
import {
  type ListWorkflowsInput,
  type ListWorkflowsOutput,
  listWorkflows,
  paginateWorkflows,
  type WorkflowSummary,
} from './operations/list-workflows.js'
import {
  type StartWorkflowRunInput,
  type StartWorkflowRunOutput,
  startWorkflowRun,
} from './operations/start-workflow-run.js'
import type { PaginateOptions } from './paginate.js'
import type { WaitOptions } from './waiter.js'

/** Every operation of the spec as a method, over one core (see `createCodeCatalystCore`). */
export interface CodeCatalystClient {
  /** Returns information about a specified run of a workflow. */
  getWorkflowRun(input: GetWorkflowRunInput, options?: RequestOptions): Promise<WorkflowRun>
  /** Polls the run until its status is terminal and resolves with the final run. */
  waitForWorkflowRun(input: GetWorkflowRunInput, options?: WaitOptions): Promise<WorkflowRun>
  /** Retrieves one page of the runs of a workflow. */
  listWorkflowRuns(
    input: ListWorkflowRunsInput,
    options?: RequestOptions,
  ): Promise<ListWorkflowRunsOutput>
  /** Every run, page after page, in the service's order. */
  paginateWorkflowRuns(
    input: ListWorkflowRunsInput,
    options?: PaginateOptions,
  ): AsyncIterable<WorkflowRunSummary>
  /** Begins a run of a specified workflow; a retried call never starts two runs. */
  startWorkflowRun(
    input: StartWorkflowRunInput,
    options?: RequestOptions,
  ): Promise<StartWorkflowRunOutput>
  /** Retrieves one page of the workflows in a project. */
  listWorkflows(input: ListWorkflowsInput, options?: RequestOptions): Promise<ListWorkflowsOutput>
  /** Every workflow of the project, page after page, in the service's order. */
  paginateWorkflows(
    input: ListWorkflowsInput,
    options?: PaginateOptions,
  ): AsyncIterable<WorkflowSummary>
  /** Returns information about a workflow. */
  getWorkflow(input: GetWorkflowInput, options?: RequestOptions): Promise<Workflow>
}

export function createCodeCatalystClient(
  options: CodeCatalystClientOptions = {},
): CodeCatalystClient {
  const core = createCodeCatalystCore(options)
  return {
    getWorkflowRun: (input, callOptions) => getWorkflowRun(core, input, callOptions),
    waitForWorkflowRun: (input, callOptions) => waitForWorkflowRun(core, input, callOptions),
    listWorkflowRuns: (input, callOptions) => listWorkflowRuns(core, input, callOptions),
    paginateWorkflowRuns: (input, callOptions) => paginateWorkflowRuns(core, input, callOptions),
    startWorkflowRun: (input, callOptions) => startWorkflowRun(core, input, callOptions),
    listWorkflows: (input, callOptions) => listWorkflows(core, input, callOptions),
    paginateWorkflows: (input, callOptions) => paginateWorkflows(core, input, callOptions),
    getWorkflow: (input, callOptions) => getWorkflow(core, input, callOptions),
  }
}
