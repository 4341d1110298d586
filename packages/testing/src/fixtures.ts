// The example data every test uses, read from the spec's examples: one space, one project, one
// run, three workflows. A test that needs an id takes it from here, never retypes it.
import type { GetWorkflowRunResponse } from '@codecatalyst-runs/types'
import { exampleInput, responseExamples, type SpecNode } from './spec.ts'

/** The space and the project of every example: `{ spaceName: 'my-space', projectName: 'my-project' }`. */
export const where = exampleInput('ListWorkflows') as { spaceName: string; projectName: string }

/** GetWorkflowRun's example input: the succeeded run of `build` on `main`. */
export const runInput = exampleInput('GetWorkflowRun') as typeof where & { id: string }

/** GetWorkflowRun's named 200 examples, as they are on the wire. */
export const exampleRuns = Object.fromEntries(responseExamples('200', 'GetWorkflowRun')) as Record<
  'succeeded' | 'inProgress' | 'failed',
  SpecNode
>

/**
 * The succeeded run with a status reason and a time-zone offset: a body the client must parse
 * exactly (lastUpdatedTime is 08:21:47.093 UTC).
 */
export const validRun: GetWorkflowRunResponse = {
  ...(exampleRuns.succeeded as GetWorkflowRunResponse),
  statusReasons: [{}],
  lastUpdatedTime: '2026-11-02T09:21:47.093+01:00',
}

/** The project's three workflows, as ListWorkflows' example lists them. */
export const workflows = Object.fromEntries(responseExamples('200', 'ListWorkflows')).allWorkflows
  ?.items as SpecNode[]
export const [buildMain, buildRelease, deployMain] = workflows as [SpecNode, SpecNode, SpecNode]

/** StartWorkflowRun's example answer: the run the mock says it started. */
export const startedRun = responseExamples('200', 'StartWorkflowRun')[0]?.[1] as SpecNode
