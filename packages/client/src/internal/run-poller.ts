// Coalesced waiting: the waits of one core on runs of one (space, project, workflow or all) share
// one poller. Each interval it reads ListWorkflowRuns pages, 50 runs a page, and hands every
// watched run it finds to that run's waits, stopping as soon as it has seen them all. A run the
// list does not carry within a bounded number of pages is polled with GetWorkflowRun, as a wait
// alone polls it, so no run is followed less often than alone, whatever the list's order (AWS
// does not document it). With one run to poll, the poller sends GetWorkflowRun only: one wait
// costs what it cost before the poller. The last wait to leave stops it, aborting its sleep and
// any request in flight: no timer outlives the last wait.
import type { CodeCatalystCore } from '../core.js'
import type { CodeCatalystError } from '../errors.js'
import {
  getWorkflowRun,
  listWorkflowRuns,
  type WorkflowRun,
  type WorkflowRunSummary,
} from '../generated/methods.gen.js'
import { GetWorkflowRun, ListWorkflowRuns } from '../generated/operations.gen.js'
import { abortable } from './abort.js'
import { classifyFailure } from './retry.js'
import { pollDelay, waitPolicy } from './wait-schedule.js'

/** Runs asked for per ListWorkflowRuns page: the spec's largest page. */
export const listPageSize = ListWorkflowRuns.pagination?.maxPageSize ?? 50
/**
 * Pages a pass may read beyond the fewest that could hold every run it looks for, or beyond the
 * deepest page one of them was last seen on: room for the project's other runs among them, and
 * for new runs pushing them down. A pass never reads more pages than it looks for runs, so it
 * never sends more list calls than it would GetWorkflowRun calls; a run not found within its
 * pages is polled with GetWorkflowRun from then on.
 */
export const extraPages = 2

/** The pages a pass reads at most, looking for `runs` runs, the deepest last seen on `deepest`. */
export function pageBound(runs: number, deepest: number | undefined): number {
  const fewest = Math.ceil(runs / listPageSize)
  return Math.min(runs, Math.max(fewest, (deepest ?? -1) + 1) + extraPages)
}

/** What one poller follows: runs of a project, or of one workflow of it. */
export interface PollerScope {
  readonly spaceName: string
  readonly projectName: string
  /** Lists this workflow's runs only; all of the project's when absent. */
  readonly workflowId?: string | undefined
}

/** One wait on one run, as the poller sees it. */
export interface RunWatcher {
  /** The run's id. */
  readonly id: string
  /** The poller polls at the shortest interval of its waits. */
  readonly pollIntervalMs: number
  /** Each answer about the run: from a list page's summary or from GetWorkflowRun. */
  onRun(run: WorkflowRun): void
  /** A poll that would have answered about the run failed, retryably: it will be tried again. */
  onRetry(error: CodeCatalystError): void
  /** A poll of the run failed in a way that ends the wait (a 404, say). */
  onError(error: unknown): void
}

export interface Membership {
  /** The wait is over (resolved, failed, timed out or aborted): its run is no longer polled for it. */
  leave(): void
}

const pollers = new WeakMap<CodeCatalystCore, Map<string, RunPoller>>()

/** Joins `watcher` to the core's poller for `scope`, starting one if there is none. */
export function joinPoller(
  core: CodeCatalystCore,
  scope: PollerScope,
  watcher: RunWatcher,
): Membership {
  let byScope = pollers.get(core)
  if (byScope === undefined) {
    byScope = new Map()
    pollers.set(core, byScope)
  }
  const key = JSON.stringify([scope.spaceName, scope.projectName, scope.workflowId ?? null])
  let poller = byScope.get(key)
  if (poller === undefined) {
    const scoped = byScope
    const started: RunPoller = new RunPoller(core, scope, () => {
      if (scoped.get(key) === started) scoped.delete(key)
    })
    poller = started
    byScope.set(key, poller)
  }
  return poller.join(watcher)
}

/** The pollers a core has running now, for tests: one per scope with waits in it. */
export function runningPollers(core: CodeCatalystCore): number {
  return pollers.get(core)?.size ?? 0
}

interface PollFailure {
  readonly operation: string
  readonly error: CodeCatalystError
}

class RunPoller {
  readonly #core: CodeCatalystCore
  readonly #scope: PollerScope
  readonly #stopped: () => void
  readonly #controller = new AbortController()
  readonly #watchers = new Set<RunWatcher>()
  readonly #byRun = new Map<string, Set<RunWatcher>>()
  /** Runs that joined since the last pass: polled at once, not at the next interval. */
  readonly #fresh = new Set<string>()
  /** Runs the list did not carry within its pages: polled with GetWorkflowRun from then on. */
  readonly #unlisted = new Set<string>()
  /** The page (from 0) each run was last seen on: how deep the next pass may have to read. */
  readonly #pageOf = new Map<string, number>()
  /** Set when ListWorkflowRuns failed in a way no retry mends: GetWorkflowRun for every run. */
  #listUnusable = false
  readonly #retry = waitPolicy.start()
  #failures = 0
  #started = false
  /** Set by the interval's timer: the next pass polls every run. */
  #due = false
  #timer: ReturnType<typeof setTimeout> | undefined
  /** Wakes the idle poller: a pass is due, or a run joined. */
  #wake: (() => void) | undefined

  constructor(core: CodeCatalystCore, scope: PollerScope, stopped: () => void) {
    this.#core = core
    this.#scope = scope
    this.#stopped = stopped
  }

  join(watcher: RunWatcher): Membership {
    this.#watchers.add(watcher)
    let watchers = this.#byRun.get(watcher.id)
    if (watchers === undefined) {
      watchers = new Set()
      this.#byRun.set(watcher.id, watchers)
    }
    watchers.add(watcher)
    this.#fresh.add(watcher.id)
    if (!this.#started) {
      this.#started = true
      void this.#loop()
    } else {
      this.#wake?.()
    }
    return { leave: () => this.#leave(watcher) }
  }

  #leave(watcher: RunWatcher): void {
    if (!this.#watchers.delete(watcher)) return
    const watchers = this.#byRun.get(watcher.id)
    watchers?.delete(watcher)
    if (watchers?.size === 0) {
      this.#byRun.delete(watcher.id)
      this.#fresh.delete(watcher.id)
      this.#unlisted.delete(watcher.id)
      this.#pageOf.delete(watcher.id)
    }
    if (this.#watchers.size > 0) return
    // The last wait: no one joins this poller any more, and its timer and requests end now.
    this.#stopped()
    clearTimeout(this.#timer)
    this.#controller.abort()
  }

  /** The shortest interval of the waits: none is polled less often than it asked. */
  #pollIntervalMs(): number {
    let shortest = Number.POSITIVE_INFINITY
    for (const watcher of this.#watchers) shortest = Math.min(shortest, watcher.pollIntervalMs)
    return shortest
  }

  async #loop(): Promise<void> {
    const { signal } = this.#controller
    try {
      // One turn for the waits started together to join before the first poll of them all.
      this.#schedule(0)
      for (let first = true; ; first = false) {
        await this.#idle(signal, !first)
        // Every run when the interval is up; otherwise the runs that joined since.
        const regular = this.#due
        const runs = [...(regular ? this.#byRun.keys() : this.#fresh)]
        this.#fresh.clear()
        const failure = await this.#pass(runs, signal)
        // The last wait left during the pass.
        if (signal.aborted) return
        const delayMs = pollDelay(this.#pollIntervalMs())
        if (failure === undefined) {
          if (!regular) continue
          this.#failures = 0
          this.#schedule(delayMs)
          continue
        }
        // Riding out a failure as a wait alone does: the next poll at the usual interval, or
        // later if the policy backs off further. GetWorkflowRun and ListWorkflowRuns are safe
        // to send again. Runs that joined and could not be polled are polled with the others,
        // at the pass already scheduled.
        this.#failures++
        const decision = waitPolicy.failed(this.#retry, failure.error, this.#failures, true)
        const backoffMs =
          decision.stop === undefined ? Math.max(delayMs, decision.delayMs) : delayMs
        if (regular) this.#schedule(backoffMs)
        this.#core.reportRetry({
          operation: failure.operation,
          attempt: failure.error.attempts,
          error: failure.error,
          delayMs: backoffMs,
        })
      }
    } catch (error) {
      if (signal.aborted) return
      // Not a poll's failure (those are handed to the waits): a fault of the poller's own.
      for (const watcher of [...this.#watchers]) watcher.onError(error)
    } finally {
      clearTimeout(this.#timer)
    }
  }

  /**
   * The next pass of every run, `ms` from now. The timer is the poller's only clock: nothing
   * here reads the time, so a wall clock set back or forward changes no schedule.
   */
  #schedule(ms: number): void {
    clearTimeout(this.#timer)
    this.#due = false
    this.#timer = setTimeout(() => {
      this.#due = true
      this.#wake?.()
    }, ms)
  }

  /**
   * Resolves once a pass of every run is due, or (with `joined`) once a run has joined; rejects
   * once the poller stops.
   */
  #idle(signal: AbortSignal, joined: boolean): Promise<void> {
    return abortable(signal, 0, (done) => {
      const ready = () => this.#due || (joined && this.#fresh.size > 0)
      this.#wake = () => {
        if (!ready()) return
        this.#wake = undefined
        done()
      }
      this.#wake()
      return () => {
        this.#wake = undefined
      }
    })
  }

  /**
   * One poll of `runs`: the list's pages for every run that may be on them when there are two or
   * more, GetWorkflowRun for the rest. Answers go to the waits as they arrive. Resolves with the
   * retryable failure that kept some run from an answer, if any.
   */
  async #pass(runs: string[], signal: AbortSignal): Promise<PollFailure | undefined> {
    const open = runs.filter((id) => this.#byRun.has(id))
    let direct = open
    if (open.length >= 2 && !this.#listUnusable) {
      const listed = open.filter((id) => !this.#unlisted.has(id))
      // For one run, GetWorkflowRun is a single call too, and always finds it.
      if (listed.length >= 2) {
        try {
          for (const id of await this.#list(listed, signal)) this.#unlisted.add(id)
        } catch (error) {
          if (signal.aborted) throw error
          if (classifyFailure(error) !== undefined) {
            const failure = error as CodeCatalystError
            for (const id of listed) this.#retried(id, failure)
            return { operation: ListWorkflowRuns.name, error: failure }
          }
          // An answer no retry mends (a page that breaks the spec, say): GetWorkflowRun, as alone.
          this.#listUnusable = true
        }
        direct = this.#listUnusable ? open : open.filter((id) => this.#unlisted.has(id))
      }
    }
    const failures = await Promise.all(direct.map((id) => this.#get(id, signal)))
    const error = failures.find((failure) => failure !== undefined)
    return error === undefined ? undefined : { operation: GetWorkflowRun.name, error }
  }

  /**
   * Reads pages until every run in `ids` that is still waited on has been seen, the list ends, or
   * the page bound is reached; resolves with the runs not seen.
   */
  async #list(ids: string[], signal: AbortSignal): Promise<string[]> {
    const wanted = new Set(ids)
    let deepest: number | undefined
    for (const id of ids) {
      const page = this.#pageOf.get(id)
      if (page !== undefined && (deepest === undefined || page > deepest)) deepest = page
    }
    const pages = pageBound(ids.length, deepest)
    let nextToken: string | undefined
    for (let page = 0; page < pages; page++) {
      for (const id of wanted) if (!this.#byRun.has(id)) wanted.delete(id)
      if (wanted.size === 0) break
      const output = await listWorkflowRuns(
        this.#core,
        {
          spaceName: this.#scope.spaceName,
          projectName: this.#scope.projectName,
          ...(this.#scope.workflowId === undefined ? {} : { workflowId: this.#scope.workflowId }),
          maxResults: listPageSize,
          ...(nextToken === undefined ? {} : { nextToken }),
        },
        { signal },
      )
      for (const summary of output.items) {
        // A summary without a status says nothing a wait can use: GetWorkflowRun will.
        if (!wanted.has(summary.id) || !summary.status) continue
        wanted.delete(summary.id)
        this.#pageOf.set(summary.id, page)
        this.#deliver(summary.id, runFromSummary(summary, this.#scope))
      }
      nextToken = output.nextToken
      if (nextToken === undefined) break
    }
    return [...wanted].filter((id) => this.#byRun.has(id))
  }

  /** Polls one run with GetWorkflowRun; resolves with its failure if a retry may mend it. */
  async #get(id: string, signal: AbortSignal): Promise<CodeCatalystError | undefined> {
    try {
      const run = await getWorkflowRun(
        this.#core,
        { spaceName: this.#scope.spaceName, projectName: this.#scope.projectName, id },
        { signal },
      )
      // To the waits on the run asked for, whatever id the answer carries (as a wait alone).
      this.#deliver(id, run)
      return undefined
    } catch (error) {
      if (signal.aborted) throw error
      if (classifyFailure(error) === undefined) {
        // Not retryable (a 404, a 403, …): the run's waits end with it, as alone.
        for (const watcher of [...(this.#byRun.get(id) ?? [])]) watcher.onError(error)
        return undefined
      }
      this.#retried(id, error as CodeCatalystError)
      return error as CodeCatalystError
    }
  }

  #deliver(id: string, run: WorkflowRun): void {
    for (const watcher of [...(this.#byRun.get(id) ?? [])]) watcher.onRun(run)
  }

  #retried(id: string, error: CodeCatalystError): void {
    for (const watcher of [...(this.#byRun.get(id) ?? [])]) watcher.onRetry(error)
  }
}

/**
 * The run as GetWorkflowRun would answer: a summary carries every member of a WorkflowRun but
 * the space and the project, which the poller knows; its workflowName is left out.
 */
export function runFromSummary(summary: WorkflowRunSummary, scope: PollerScope): WorkflowRun {
  const run: WorkflowRun = {
    spaceName: scope.spaceName,
    projectName: scope.projectName,
    id: summary.id,
    workflowId: summary.workflowId,
    status: summary.status,
    startTime: summary.startTime,
    lastUpdatedTime: summary.lastUpdatedTime,
  }
  if (summary.statusReasons !== undefined) run.statusReasons = summary.statusReasons
  if (summary.endTime !== undefined) run.endTime = summary.endTime
  return run
}
