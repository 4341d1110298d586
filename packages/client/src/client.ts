// The client: every generated method of the spec over one core, and the hand-written waiter and
// watch.
import { type CodeCatalystClientOptions, createCodeCatalystCore } from './core.js'
import { operationMethods } from './generated/client-methods.gen.js'
import type {
  CodeCatalystOperations,
  GetWorkflowRunInput,
  WorkflowRun,
} from './generated/methods.gen.js'
import { type WaitOptions, waitForWorkflowRun } from './waiter.js'
import { type WatchOptions, type WatchWorkflowRunsInput, watchWorkflowRuns } from './watch.js'

/** Every operation of the spec as a method, over one core (see `createCodeCatalystCore`). */
export interface CodeCatalystClient extends CodeCatalystOperations {
  /** Polls the run until its status is terminal and resolves with the final run. */
  waitForWorkflowRun(input: GetWorkflowRunInput, options?: WaitOptions): Promise<WorkflowRun>
  /**
   * Follows the runs (or the active runs of a workflow) until every one has ended, yielding each
   * status change once; their polls are shared with the client's other waits on the project.
   */
  watchWorkflowRuns(
    input: WatchWorkflowRunsInput,
    options?: WatchOptions,
  ): AsyncIterable<WorkflowRun>
}

export function createCodeCatalystClient(
  options: CodeCatalystClientOptions = {},
): CodeCatalystClient {
  const core = createCodeCatalystCore(options)
  return {
    ...operationMethods(core),
    waitForWorkflowRun: (input, callOptions) => waitForWorkflowRun(core, input, callOptions),
    watchWorkflowRuns: (input, callOptions) => watchWorkflowRuns(core, input, callOptions),
  }
}
