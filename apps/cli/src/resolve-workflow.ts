import type {
  CodeCatalystClient,
  WorkflowRunSummary,
  WorkflowSummary,
} from '@codecatalyst-runs/client'
import type { Where, WorkflowRef } from './args.js'
import { LookupError } from './failure.js'

/**
 * The one workflow the user means: by its exact, case-sensitive name (and `--branch` when the
 * name exists on several branches), else by its id. Reads every page of ListWorkflows.
 */
export async function resolveWorkflow(
  client: CodeCatalystClient,
  where: Where,
  ref: WorkflowRef,
  signal: AbortSignal,
): Promise<WorkflowSummary> {
  const workflows: WorkflowSummary[] = []
  for await (const workflow of client.paginateWorkflows(where, { signal })) workflows.push(workflow)
  const project = `${where.spaceName}/${where.projectName}`
  const named = workflows.filter((workflow) => workflow.name === ref.nameOrId)
  const matches =
    named.length > 0 ? named : workflows.filter((workflow) => workflow.id === ref.nameOrId)
  const label = JSON.stringify(ref.nameOrId)
  if (matches.length === 0) {
    const names = [...new Set(workflows.map((workflow) => workflow.name))].sort()
    throw new LookupError(
      names.length === 0
        ? `No workflow ${label}: ${project} has no workflows.`
        : `No workflow ${label} in ${project}. Its workflows: ${names.join(', ')}.`,
    )
  }
  const onBranch =
    ref.branch === undefined
      ? matches
      : matches.filter((workflow) => workflow.sourceBranchName === ref.branch)
  if (onBranch.length === 0) {
    throw new LookupError(
      `Workflow ${label} is not on branch ${JSON.stringify(ref.branch)}; it is on: ${branches(matches)}.`,
    )
  }
  if (onBranch.length > 1) {
    throw new LookupError(
      `Workflow ${label} is on several branches: ${branches(onBranch)}. Choose one with --branch.`,
    )
  }
  return onBranch[0] as WorkflowSummary
}

// Two workflows of one name on one branch are told apart by their ids.
function branches(workflows: WorkflowSummary[]): string {
  const names = workflows.map((workflow) => workflow.sourceBranchName)
  if (new Set(names).size === names.length) return names.sort().join(', ')
  return workflows.map((workflow) => `${workflow.sourceBranchName} (${workflow.id})`).join(', ')
}

/** The run of the workflow with the newest startTime: AWS states no order, so every page is read. */
export async function latestRun(
  client: CodeCatalystClient,
  where: Where,
  workflow: WorkflowSummary,
  signal: AbortSignal,
): Promise<WorkflowRunSummary> {
  let latest: WorkflowRunSummary | undefined
  for await (const run of client.paginateWorkflowRuns(
    { ...where, workflowId: workflow.id },
    { signal },
  )) {
    if (latest === undefined || run.startTime > latest.startTime) latest = run
  }
  if (latest === undefined) {
    throw new LookupError(
      `Workflow ${JSON.stringify(workflow.name)} (${workflow.sourceBranchName}) has no runs yet.`,
    )
  }
  return latest
}
