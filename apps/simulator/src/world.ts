// The simulated project: its workflows and runs, and the five operations on them. Pure state
// and a clock; no HTTP here. Every operation costs a map lookup or a binary search and the page
// it returns, whatever the number of runs.
import { randomUUID } from 'node:crypto'
import type {
  GetWorkflowResponse,
  GetWorkflowRunResponse,
  ListWorkflowRunsResponse,
  ListWorkflowsResponse,
  StartWorkflowRunResponse,
  WorkflowRunSummary,
  WorkflowSummary,
} from '@codecatalyst-runs/types'
import {
  exampleRunIds,
  notFoundMessages,
  pageSizeRange,
  project,
  seedWorkflows,
  workflowDetails,
} from './from-spec.ts'
import { decodeToken, InvalidTokenError, inOrder, newestFirst, type Page } from './pages.ts'
import { type Outcome, runStateAt } from './run-lifecycle.ts'

/** An answer the service would give as an error: the status picks the error's name. */
export class ServiceError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

interface Run {
  readonly id: string
  /** Creation order: the position in every list of runs. */
  readonly seq: number
  readonly workflow: WorkflowSummary
  readonly startMs: number
  readonly stepMs: number
  readonly outcome: Outcome
  readonly clientToken?: string
}

export interface WorldOptions {
  /** How long each active status of a started run lasts, in ms. */
  readonly stepMs: number
  /** The simulator's time, in ms since the epoch. */
  readonly clock: () => number
}

/** How many past runs each workflow has at the start, oldest first, interleaved. */
const seedPattern = { total: 72, every: 9, release: 4, deploy: 8 }

/** A started run's outcome: `deploy` fails (the spec's example calls it INVALID), the rest succeed. */
function outcomeOf(workflow: WorkflowSummary): Outcome {
  return workflow.status === 'INVALID' ? 'FAILED' : 'SUCCEEDED'
}

export type World = ReturnType<typeof createWorld>

export function createWorld({ stepMs, clock }: WorldOptions) {
  const [buildMain, buildRelease, deployMain] = seedWorkflows as [
    WorkflowSummary,
    WorkflowSummary,
    WorkflowSummary,
  ]
  const workflowsById = new Map(seedWorkflows.map((workflow) => [workflow.id, workflow]))
  const runsById = new Map<string, Run>()
  const allRuns: Run[] = []
  const runsByWorkflow = new Map<string, Run[]>(seedWorkflows.map((workflow) => [workflow.id, []]))
  const runsByClientToken = new Map<string, Run>()
  const runPageSize = pageSizeRange('ListWorkflowRuns')
  const workflowPageSize = pageSizeRange('ListWorkflows')

  function add(run: Omit<Run, 'seq'>): Run {
    const stored = { ...run, seq: allRuns.length }
    runsById.set(stored.id, stored)
    allRuns.push(stored)
    runsByWorkflow.get(stored.workflow.id)?.push(stored)
    if (stored.clientToken !== undefined) runsByClientToken.set(stored.clientToken, stored)
    return stored
  }

  // The past: runs 45 minutes apart, the newest starting 45 minutes ago, each a few minutes
  // long, so all of them have ended. The two newest of build@main are the spec's failed and
  // succeeded example runs.
  const startedAt = clock()
  const past = Array.from({ length: seedPattern.total }, (_, index) => {
    const slot = index % seedPattern.every
    const workflow =
      slot === seedPattern.release
        ? buildRelease
        : slot === seedPattern.deploy
          ? deployMain
          : buildMain
    return {
      id: `5eed0000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      workflow,
      startMs: startedAt - (seedPattern.total - index) * 45 * 60_000,
      stepMs: (60 + ((index * 37) % 120)) * 1000,
      outcome: outcomeOf(workflow),
    }
  })
  const [newestMain, secondNewestMain] = past.filter((run) => run.workflow === buildMain).reverse()
  Object.assign(newestMain ?? {}, { id: exampleRunIds.failed, outcome: 'FAILED' })
  Object.assign(secondNewestMain ?? {}, { id: exampleRunIds.succeeded })
  for (const run of past) add(run)

  function checkProject(input: { spaceName: string; projectName: string }) {
    if (input.spaceName !== project.spaceName) {
      throw new ServiceError(404, `The space ${input.spaceName} was not found.`)
    }
    if (input.projectName !== project.projectName) {
      throw new ServiceError(404, `The project ${input.projectName} was not found.`)
    }
  }

  function workflowById(id: string): WorkflowSummary {
    const workflow = workflowsById.get(id)
    if (!workflow) throw new ServiceError(404, notFoundMessages.workflow)
    return workflow
  }

  // maxResults has been checked against the spec's range with the rest of the request.
  const pageSize = (range: { max: number }, maxResults: number | undefined) =>
    maxResults ?? range.max

  function position(token: string | undefined, list: string): number | undefined {
    if (token === undefined) return undefined
    try {
      return decodeToken(token, list).after
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new ServiceError(400, error.message)
      throw error
    }
  }

  function summaryOf(run: Run, now: number): WorkflowRunSummary {
    return {
      id: run.id,
      workflowId: run.workflow.id,
      workflowName: run.workflow.name,
      ...runStateAt(run, now),
    }
  }

  return {
    /**
     * A run added from outside the API, for load tests: of the workflow, started at `startMs`,
     * each of its active statuses lasting `runStepMs`, ending as that workflow's runs end.
     */
    seedRun(workflowId: string, startMs: number, runStepMs: number): string {
      const workflow = workflowById(workflowId)
      const run = add({
        id: randomUUID(),
        workflow,
        startMs,
        stepMs: runStepMs,
        outcome: outcomeOf(workflow),
      })
      return run.id
    },

    getWorkflowRun(input: {
      spaceName: string
      projectName: string
      id: string
    }): GetWorkflowRunResponse {
      checkProject(input)
      const run = runsById.get(input.id)
      if (!run) throw new ServiceError(404, notFoundMessages.run)
      return {
        ...project,
        id: run.id,
        workflowId: run.workflow.id,
        ...runStateAt(run, clock()),
      }
    },

    listWorkflowRuns(input: {
      spaceName: string
      projectName: string
      workflowId?: string
      maxResults?: number
      nextToken?: string
    }): ListWorkflowRunsResponse {
      checkProject(input)
      const runs =
        input.workflowId === undefined
          ? allRuns
          : runsByWorkflow.get(workflowById(input.workflowId).id)
      const list = `ListWorkflowRuns:${input.workflowId ?? '*'}`
      const page: Page<Run> = newestFirst(
        runs ?? [],
        list,
        pageSize(runPageSize, input.maxResults),
        position(input.nextToken, list),
      )
      const now = clock()
      return { ...page, items: page.items.map((run) => summaryOf(run, now)) }
    },

    startWorkflowRun(input: {
      spaceName: string
      projectName: string
      workflowId: string
      clientToken?: string
    }): StartWorkflowRunResponse {
      checkProject(input)
      const workflow = workflowById(input.workflowId)
      const earlier =
        input.clientToken === undefined ? undefined : runsByClientToken.get(input.clientToken)
      if (earlier && earlier.workflow !== workflow) {
        throw new ServiceError(
          409,
          'The clientToken was already used to start a run of another workflow.',
        )
      }
      const run =
        earlier ??
        add({
          id: randomUUID(),
          workflow,
          startMs: clock(),
          stepMs,
          outcome: outcomeOf(workflow),
          ...(input.clientToken === undefined ? {} : { clientToken: input.clientToken }),
        })
      return { ...project, id: run.id, workflowId: workflow.id }
    },

    listWorkflows(input: {
      spaceName: string
      projectName: string
      maxResults?: number
      nextToken?: string
    }): ListWorkflowsResponse {
      checkProject(input)
      const list = 'ListWorkflows'
      return inOrder(
        seedWorkflows,
        list,
        pageSize(workflowPageSize, input.maxResults),
        position(input.nextToken, list),
      )
    },

    getWorkflow(input: {
      spaceName: string
      projectName: string
      id: string
    }): GetWorkflowResponse {
      checkProject(input)
      return workflowDetails(workflowById(input.id))
    },
  }
}
