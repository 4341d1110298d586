import type { StartWorkflowRunResponse } from '@codecatalyst-runs/types'
import type { CodeCatalystCore, RequestOptions } from '../core.js'
import { StartWorkflowRun, type StartWorkflowRunInput } from '../generated/operations.gen.js'

export type { StartWorkflowRunInput }

/** The run that was started: its `id`, with the space, project and workflow it belongs to. */
export type StartWorkflowRunOutput = StartWorkflowRunResponse

/**
 * Begins a run of a specified workflow. Without a `clientToken`, the client makes one for the
 * call and sends it on every attempt, so that a retried call never starts two runs.
 */
export function startWorkflowRun(
  core: CodeCatalystCore,
  input: StartWorkflowRunInput,
  options?: RequestOptions,
): Promise<StartWorkflowRunOutput> {
  return core.send(StartWorkflowRun, input, options)
}
