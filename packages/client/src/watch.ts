// Following many runs at once, for dashboards and bots: every status change of every run, from
// the coalesced poller (internal/run-poller.ts), so that N runs of one project cost about
// ⌈N/50⌉ ListWorkflowRuns calls per interval instead of N GetWorkflowRun calls.
import type { CodeCatalystCore } from './core.js'
import { CodeCatalystInputError } from './errors.js'
import { paginateWorkflowRuns, type WorkflowRun } from './generated/methods.gen.js'
import { GetWorkflowRun, ListWorkflowRuns } from './generated/operations.gen.js'
import { stoppable } from './internal/abort.js'
import { checkDuration } from './internal/validate-options.js'
import { defaultPollIntervalMs, defaultWaitTimeoutMs } from './internal/wait-schedule.js'
import { isTerminalStatus } from './status.js'
import { waitInPoller } from './waiter.js'

/** The runs `watchWorkflowRuns` follows: a list of them, or the active runs of a workflow. */
export interface WatchWorkflowRunsInput {
  /** The name of the space. */
  spaceName: string
  /** The name of the project in the space. */
  projectName: string
  /**
   * The runs to follow. Without it, every run of `workflowId` whose status is not terminal when
   * the watch starts (found by reading every page of ListWorkflowRuns for that workflow once).
   */
  ids?: readonly string[]
  /**
   * The workflow the runs belong to: the shared polls then list that workflow's runs only.
   * Required when `ids` is absent.
   */
  workflowId?: string
}

/** How `watchWorkflowRuns` polls, and when it gives up. */
export interface WatchOptions {
  /** Mean time between polls, in milliseconds. Default 5 000 (within ±20 %, as a wait's). */
  pollIntervalMs?: number
  /**
   * Give up on a run not ended after this many milliseconds: the watch then throws a
   * CodeCatalystWaitTimeoutError. Default 30 minutes; `Infinity` watches for ever.
   */
  timeoutMs?: number
  /** Aborts the watch at once, including a request in flight. */
  signal?: AbortSignal
}

/**
 * Follows the runs until every one has a terminal status, yielding a run each time its status
 * changes (its first answer included): each change once, in the order they were seen. The runs
 * are polled together with the client's other waits on the project: a ListWorkflowRuns page
 * answers for up to 50 of them, GetWorkflowRun for a run the list does not carry. A run that
 * cannot be polled (a 404, say), the timeout and the signal end the watch with their error.
 * Stopping early (`break`) ends its polls. The input and options are checked at once.
 */
export function watchWorkflowRuns(
  core: CodeCatalystCore,
  input: WatchWorkflowRunsInput,
  options: WatchOptions = {},
): AsyncIterable<WorkflowRun> {
  const pollIntervalMs = checkDuration(
    'pollIntervalMs',
    options.pollIntervalMs ?? defaultPollIntervalMs,
  )
  const timeoutMs = checkDuration('timeoutMs', options.timeoutMs ?? defaultWaitTimeoutMs, true)
  const { spaceName, projectName, workflowId } = input
  if (workflowId !== undefined || input.ids === undefined) {
    if (workflowId === undefined) {
      throw new CodeCatalystInputError(
        'workflowId',
        'required',
        'watchWorkflowRuns needs `ids`, or a `workflowId` to follow its active runs.',
      )
    }
    ListWorkflowRuns.checkInput({ spaceName, projectName, workflowId })
  }
  for (const id of input.ids ?? []) GetWorkflowRun.checkInput({ spaceName, projectName, id })
  const given = input.ids === undefined ? undefined : [...new Set(input.ids)]

  return {
    async *[Symbol.asyncIterator]() {
      const stop = stoppable(options.signal)
      const changes: WorkflowRun[] = []
      let failure: { error: unknown } | undefined
      let open = 0
      let wake: (() => void) | undefined
      const woken = () => {
        wake?.()
        wake = undefined
      }
      try {
        const ids = given ?? (await activeRuns(core, input, stop.signal))
        open = ids.length
        for (const id of ids) {
          waitInPoller(
            core,
            { spaceName, projectName, id },
            {
              pollIntervalMs,
              timeoutMs,
              signal: stop.signal,
              onUpdate(run) {
                changes.push(run)
                woken()
              },
            },
            workflowId,
          ).then(
            () => {
              open--
              woken()
            },
            (error: unknown) => {
              failure ??= { error }
              woken()
            },
          )
        }
        for (;;) {
          while (changes.length > 0) yield changes.shift() as WorkflowRun
          if (failure !== undefined) throw failure.error
          if (open === 0) return
          await new Promise<void>((resolve) => {
            wake = resolve
          })
        }
      } finally {
        // Ends the waits still running: a reader that stopped early, or a failure.
        stop.stop()
        stop.release()
      }
    },
  }
}

/** The ids of the workflow's runs that have not ended yet. */
async function activeRuns(
  core: CodeCatalystCore,
  input: WatchWorkflowRunsInput,
  signal: AbortSignal,
): Promise<string[]> {
  const ids: string[] = []
  for await (const run of paginateWorkflowRuns(
    core,
    { spaceName: input.spaceName, projectName: input.projectName, workflowId: input.workflowId },
    { signal },
  )) {
    if (!isTerminalStatus(run.status)) ids.push(run.id)
  }
  return ids
}
