// Everything the simulator takes from the spec rather than typing it again: the page sizes, the
// error names and messages, and the project its examples describe. Its routes and input rules
// are generated (generated/operations.gen.ts).

import { exampleRuns, where, workflows } from '@codecatalyst-runs/testing/fixtures'
import {
  errorResponse,
  operationById,
  resolveRef,
  type SpecNode,
} from '@codecatalyst-runs/testing/spec'
import type { GetWorkflowResponse, WorkflowSummary } from '@codecatalyst-runs/types'
import { errorNames, operations } from './generated/operations.gen.ts'
import type { MemberRule } from './request-rules.ts'

export type { OperationId } from './generated/operations.gen.ts'

/** The page size a list operation allows: its `maxResults` minimum and maximum. */
export function pageSizeRange(operation: 'ListWorkflowRuns' | 'ListWorkflows'): {
  min: number
  max: number
} {
  const rules = operations.find((candidate) => candidate.id === operation)
  const maxResults: MemberRule | undefined = rules?.members.find(
    (member) => member.name === 'maxResults',
  )
  if (maxResults?.minimum === undefined || maxResults.maximum === undefined) {
    throw new Error(`The spec gives ${operation} no maxResults range.`)
  }
  return { min: maxResults.minimum, max: maxResults.maximum }
}

/**
 * The error name (`x-amzn-errortype`) the spec gives an error status, e.g. 404 →
 * ResourceNotFoundException. A status the spec names no error for is a bug of the simulator:
 * it throws rather than make a name up.
 */
export function errorName(status: number): string {
  const name = errorNames[status]
  if (name === undefined) throw new Error(`The spec names no error for status ${status}.`)
  return name
}

/** The spec's message of a 429, e.g. `Rate exceeded`. */
export const throttlingMessage = errorResponse(429, 'GetWorkflowRun').message

const notFoundExamples = resolveRef(operationById('GetWorkflowRun').node.responses['404']).content[
  'application/json'
].examples as SpecNode

/** The spec's messages for a run and a workflow that do not exist. */
export const notFoundMessages = {
  run: notFoundExamples.resourceNotFoundException.value.message as string,
  workflow: notFoundExamples.workflowNotFound.value.message as string,
}

/** The space and project of the spec's examples: the one project the simulator holds. */
export const project = where

/** The project's workflows, as ListWorkflows' example lists them. */
export const seedWorkflows: readonly WorkflowSummary[] = workflows as WorkflowSummary[]

/** GetWorkflow's answer for a workflow of the project. */
export function workflowDetails(workflow: WorkflowSummary): GetWorkflowResponse {
  return { ...project, ...workflow }
}

/** The succeeded and the failed run of GetWorkflowRun's examples: two of the seeded past runs. */
export const exampleRunIds = {
  succeeded: exampleRuns.succeeded.id as string,
  failed: exampleRuns.failed.id as string,
}
