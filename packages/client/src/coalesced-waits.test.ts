// Coalesced waiting on a fake clock: a project in memory behind the client's `fetch` option,
// every request counted, time moved by hand.
import { getEventListeners } from 'node:events'
import { where } from '@codecatalyst-runs/testing/fixtures'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CodeCatalystAbortError,
  CodeCatalystWaitTimeoutError,
  createCodeCatalystClient,
  createCodeCatalystCore,
  getWorkflowRun,
  ResourceNotFoundException,
  type RetryEvent,
  type WaitOptions,
  type WorkflowRun,
  waitForWorkflowRun,
  watchWorkflowRuns,
} from './index.js'
import { AdaptiveRateLimiter } from './internal/rate-limiter.js'
import { extraPages, listPageSize, pageBound, runningPollers } from './internal/run-poller.js'

const interval = 1_000
const workflowId = '0b6e3a57-54a6-4ac1-8e7c-1a5f8c2e8f10'
const otherWorkflowId = '7d2c1a0e-9f8b-4e6d-a5c3-2b1a0f9e8d7c'
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-12-07T10:00:00Z') })
  // The middle of every jitter window: each poll comes exactly one interval after the last.
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

type Failure = number | 'lost'

/**
 * A project of `count` runs, all IN_PROGRESS, listed in the order of `runs` (AWS documents no
 * order; tests reorder it). Each request is recorded; `failing` answers with an error status or
 * a lost connection.
 */
function fakeProject(count: number) {
  const runs = Array.from({ length: count }, (_, n) => ({
    id: runId(n),
    workflowId: n % 2 === 0 ? workflowId : otherWorkflowId,
    status: 'IN_PROGRESS',
  }))
  const hidden = new Set<string>()
  const deleted = new Set<string>()
  const requests: Array<{ operation: 'list' | 'get'; id?: string; workflowId?: string }> = []
  /** How many times each run was answered for: in a page, or by GetWorkflowRun. */
  const reads = new Map<string, number>()
  const read = (id: string) => reads.set(id, (reads.get(id) ?? 0) + 1)
  const state = {
    reads,
    runs,
    hidden,
    deleted,
    requests,
    failing: undefined as ((operation: 'list' | 'get') => Failure | undefined) | undefined,
    lists: () => requests.filter((request) => request.operation === 'list').length,
    gets: () => requests.filter((request) => request.operation === 'get').length,
    set(ids: number[] | 'all', status: string) {
      for (const run of runs) {
        if (ids === 'all' || ids.includes(Number(run.id.slice(-12)))) run.status = status
      }
    },
  }
  const times = {
    startTime: '2026-12-07T09:59:00Z',
    lastUpdatedTime: '2026-12-07T09:59:30Z',
  }
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input))
    const operation = init?.method === 'POST' ? 'list' : 'get'
    const failure = state.failing?.(operation)
    if (failure === 'lost') {
      requests.push({ operation })
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
    }
    if (operation === 'list') {
      const filter = url.searchParams.get('workflowId') ?? undefined
      requests.push({ operation, ...(filter && { workflowId: filter }) })
      if (failure !== undefined) return errorResponse(failure)
      const listed = runs.filter(
        (run) =>
          !hidden.has(run.id) &&
          !deleted.has(run.id) &&
          (filter === undefined || run.workflowId === filter),
      )
      const start = Number(url.searchParams.get('nextToken') ?? 0)
      const size = Number(url.searchParams.get('maxResults') ?? listPageSize)
      const items = listed.slice(start, start + size).map((run) => ({
        id: run.id,
        workflowId: run.workflowId,
        workflowName: run.workflowId === workflowId ? 'build' : 'deploy',
        status: run.status,
        ...times,
      }))
      for (const item of items) read(item.id)
      const more = start + size < listed.length
      return Response.json({ items, ...(more && { nextToken: String(start + size) }) })
    }
    const id = url.pathname.split('/').at(-1) as string
    requests.push({ operation, id })
    if (failure !== undefined) return errorResponse(failure)
    const run = runs.find((candidate) => candidate.id === id)
    if (!run || deleted.has(id)) {
      return Response.json(
        { message: 'The workflow run was not found.' },
        { status: 404, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' } },
      )
    }
    read(id)
    return Response.json({ ...where, ...run, ...times })
  }
  return Object.assign(state, { fetch: fetch as typeof globalThis.fetch })
}

function errorResponse(status: number): Response {
  return Response.json(
    { message: status === 429 ? 'Rate exceeded' : 'Service unavailable' },
    {
      status,
      headers: status === 429 ? { 'x-amzn-errortype': 'ThrottlingException' } : {},
    },
  )
}

/** Moves the fake clock on, letting every request and answer in between happen. */
const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms)

/** Waits, each settling into `outcomes` (a run's status or an error) as it ends. */
function waitAll(
  wait: (id: string, options: WaitOptions) => Promise<WorkflowRun>,
  ids: number[],
  options: WaitOptions = {},
) {
  const outcomes = new Map<number, string | Error>()
  const done = Promise.all(
    ids.map((n) =>
      wait(runId(n), { pollIntervalMs: interval, ...options }).then(
        (run) => outcomes.set(n, run.status),
        (error: Error) => outcomes.set(n, error),
      ),
    ),
  )
  return { outcomes, done }
}

function setup(count: number, clientOptions: Parameters<typeof createCodeCatalystCore>[0] = {}) {
  const project = fakeProject(count)
  const retries: RetryEvent[] = []
  const core = createCodeCatalystCore({
    token: 't',
    fetch: project.fetch,
    hooks: { onRetry: (event) => retries.push(event) },
    ...clientOptions,
  })
  const wait = (id: string, options: WaitOptions) =>
    waitForWorkflowRun(core, { ...where, id }, options)
  return { project, core, retries, wait }
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => from + index)

describe('coalesced waits: what they cost', () => {
  it.each([
    [2, 1],
    [50, 1],
    [120, 3],
    [1000, 20],
  ])(
    '%i waits on runs on the first pages cost ⌈N/50⌉ = %i list calls an interval, and no GetWorkflowRun',
    async (waits, pages) => {
      const { project, core, wait } = setup(waits + 30)
      const { outcomes, done } = waitAll(wait, range(0, waits))

      await tick(0) // the first poll: at once, as alone
      expect(project.lists()).toBe(pages)
      for (let interval_ = 1; interval_ <= 3; interval_++) {
        await tick(interval)
        expect(project.lists()).toBe(pages * (1 + interval_))
      }
      expect(project.gets()).toBe(0)
      expect(outcomes.size).toBe(0)

      project.set('all', 'SUCCEEDED')
      await tick(interval)
      await done
      expect(project.lists()).toBe(pages * 5)
      expect(project.gets()).toBe(0)
      expect([...outcomes.values()].every((status) => status === 'SUCCEEDED')).toBe(true)
      expect(vi.getTimerCount()).toBe(0)
      expect(runningPollers(core)).toBe(0)
    },
  )

  it('a wall clock set back or forward changes no schedule: the poller reads no time, only its timer', async () => {
    const { project, wait } = setup(30)
    const { outcomes, done } = waitAll(wait, [1, 2])
    await tick(0)
    vi.setSystemTime(Date.now() - 3_600_000)
    await tick(interval)
    expect(project.lists()).toBe(2)
    vi.setSystemTime(Date.now() + 7_200_000)
    await tick(interval / 2)
    expect(project.lists()).toBe(2)
    project.set('all', 'SUCCEEDED')
    await tick(interval / 2)
    await done
    expect(project.lists()).toBe(3)
    expect(outcomes.size).toBe(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('one wait alone costs what it did: one GetWorkflowRun an interval, no list', async () => {
    const { project, wait } = setup(10)
    const { outcomes, done } = waitAll(wait, [3])
    await tick(0)
    await tick(interval)
    await tick(interval)
    expect(project.requests).toEqual(Array(3).fill({ operation: 'get', id: runId(3) }))
    project.set([3], 'FAILED')
    await tick(interval)
    await done
    expect(outcomes.get(3)).toBe('FAILED')
    expect(project.gets()).toBe(4)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('coalesce: false keeps each wait on its own GetWorkflowRun polls', async () => {
    const { project, wait } = setup(10)
    const { outcomes, done } = waitAll(wait, [1, 2, 3], { coalesce: false })
    await tick(0)
    expect(project.gets()).toBe(3)
    await tick(interval)
    expect(project.gets()).toBe(6)
    expect(project.lists()).toBe(0)
    project.set('all', 'SUCCEEDED')
    await tick(interval)
    await done
    expect([...outcomes.values()]).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'])
    expect(project.lists()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('pages stop as soon as every watched run has been seen, as runs end', async () => {
    const { project, wait } = setup(200)
    const { outcomes, done } = waitAll(wait, [0, 60, 140])
    await tick(0)
    expect(project.lists()).toBe(3) // run 140 is on the third page
    project.set([140], 'SUCCEEDED')
    await tick(interval)
    expect(outcomes.get(140)).toBe('SUCCEEDED')
    expect(project.lists()).toBe(6)
    await tick(interval)
    expect(project.lists()).toBe(8) // 0 and 60: two pages
    project.set([0, 60], 'STOPPED')
    await tick(interval)
    await done
    expect(project.gets()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('runs spread over the pages: the pages a run was last seen on are read again, however few runs are left', async () => {
    const { project, wait } = setup(1030)
    const { outcomes, done } = waitAll(wait, range(0, 1000))
    await tick(0)
    expect(project.lists()).toBe(20)
    // All but one run a page end: twenty runs left, one on each of the twenty pages.
    project.set(
      range(0, 1000).filter((n) => n % 50 !== 25),
      'SUCCEEDED',
    )
    await tick(interval)
    expect(outcomes.size).toBe(980)
    expect(project.lists()).toBe(40)
    await tick(interval)
    expect(project.lists()).toBe(60)
    expect(project.gets()).toBe(0)
    // The deepest ones end first: the pages stop where the last watched run is.
    project.set(
      range(500, 1000).filter((n) => n % 50 === 25),
      'FAILED',
    )
    await tick(interval)
    await tick(interval)
    expect(project.lists()).toBe(90)
    project.set('all', 'SUCCEEDED')
    await tick(interval)
    await done
    expect(project.gets()).toBe(0)
    expect(outcomes.size).toBe(1000)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a pass reads no more pages than it looks for runs: at most what GetWorkflowRun for each would cost', () => {
    expect(pageBound(2, undefined)).toBe(2)
    expect(pageBound(3, undefined)).toBe(3)
    expect(pageBound(120, undefined)).toBe(5)
    expect(pageBound(20, 19)).toBe(20)
    expect(pageBound(30, 19)).toBe(22)
    expect(pageBound(1000, 3)).toBe(22)
  })

  it('a run past the page bound is polled with GetWorkflowRun, the others still by the list', async () => {
    const { project, wait } = setup(400)
    // Three runs: the bound is ⌈3/50⌉ + 2 = 3 pages (150 runs); run 300 is on page 7.
    expect(extraPages).toBe(2)
    const { outcomes, done } = waitAll(wait, [0, 10, 300])
    await tick(0)
    expect(project.lists()).toBe(3)
    expect(project.requests.filter((request) => request.operation === 'get')).toEqual([
      { operation: 'get', id: runId(300) },
    ])
    // From then on: one page for the two it carries, GetWorkflowRun for the third.
    await tick(interval)
    expect(project.lists()).toBe(4)
    expect(project.gets()).toBe(2)
    project.set([300], 'SUCCEEDED')
    await tick(interval)
    expect(outcomes.get(300)).toBe('SUCCEEDED')
    project.set([0, 10], 'SUCCEEDED')
    await tick(interval)
    await done
    expect(project.lists()).toBe(6)
    expect(project.gets()).toBe(3)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('whatever the order of the list, every wait ends with its run’s status, none polled less often', async () => {
    for (const order of ['reversed', 'shuffled', 'moving'] as const) {
      const { project, wait } = setup(300)
      if (order === 'reversed') project.runs.reverse()
      const scattered = (run: { id: string }) => (Number(run.id.slice(-12)) * 37) % 300
      if (order === 'shuffled') project.runs.sort((a, b) => scattered(a) - scattered(b))
      const watched = [5, 120, 250]
      const { outcomes, done } = waitAll(wait, watched)
      for (let round = 0; round < 4; round++) {
        // Each poll reads each watched run once: from a page, or with GetWorkflowRun.
        const before = project.requests.length
        await tick(round === 0 ? 0 : interval)
        expect(project.requests.length - before).toBeGreaterThan(0)
        for (const n of watched) expect(project.reads.get(runId(n)), order).toBe(round + 1)
        expect(project.gets()).toBeLessThanOrEqual(watched.length * (round + 1))
        // 'moving': the list reorders itself between polls.
        if (order === 'moving') project.runs.push(...project.runs.splice(0, 70))
      }
      project.set(watched, 'SUCCEEDED')
      await tick(interval)
      await done
      expect([...outcomes.values()], order).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'])
      expect(vi.getTimerCount()).toBe(0)
    }
  })
})

describe('coalesced waits: runs that go, waits that leave', () => {
  it('a run that disappears from the list is polled with GetWorkflowRun; a deleted one ends its wait with the 404', async () => {
    const { project, wait } = setup(30)
    const { outcomes, done } = waitAll(wait, [1, 2, 3])
    await tick(0)
    expect(project.lists()).toBe(1)
    project.hidden.add(runId(2)) // older than the pages read, say
    project.deleted.add(runId(3))
    await tick(interval)
    expect(project.lists()).toBe(2)
    expect(project.requests.slice(-2)).toEqual([
      { operation: 'get', id: runId(2) },
      { operation: 'get', id: runId(3) },
    ])
    expect(outcomes.get(3)).toBeInstanceOf(ResourceNotFoundException)
    project.set([1, 2], 'SUCCEEDED')
    await tick(interval)
    await done
    expect(outcomes.get(1)).toBe('SUCCEEDED')
    expect(outcomes.get(2)).toBe('SUCCEEDED')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('an aborted wait leaves the others polling; the last one to leave stops the poller', async () => {
    const { project, core, wait } = setup(30)
    const controller = new AbortController()
    const aborted = wait(runId(0), { pollIntervalMs: interval, signal: controller.signal }).catch(
      (error: unknown) => error,
    )
    const { outcomes, done } = waitAll(wait, [1, 2])
    await tick(0)
    controller.abort(new Error('no longer needed'))
    expect(await aborted).toBeInstanceOf(CodeCatalystAbortError)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    await tick(interval)
    await tick(interval)
    expect(project.lists()).toBe(3)
    expect(outcomes.size).toBe(0)
    project.set([1], 'SUCCEEDED')
    await tick(interval)
    expect(outcomes.get(1)).toBe('SUCCEEDED')
    // One run left: GetWorkflowRun, as alone.
    await tick(interval)
    expect(project.requests.at(-1)).toEqual({ operation: 'get', id: runId(2) })
    const later = new AbortController()
    const last = wait(runId(2), { pollIntervalMs: interval, signal: later.signal })
    // A second wait on the same run shares its polls too.
    await tick(0)
    later.abort()
    await expect(last).rejects.toBeInstanceOf(CodeCatalystAbortError)
    project.set([2], 'CANCELLED')
    await tick(interval)
    await done
    expect(outcomes.get(2)).toBe('CANCELLED')
    expect(vi.getTimerCount()).toBe(0)
    expect(runningPollers(core)).toBe(0)
  })

  it('a wait that runs out rejects with the last run it saw; the others go on', async () => {
    const { project, wait } = setup(30)
    const short = wait(runId(0), { pollIntervalMs: interval, timeoutMs: 2_500 }).catch(
      (error: unknown) => error,
    )
    const { outcomes, done } = waitAll(wait, [1])
    await tick(3_000)
    const error = await short
    expect(error).toBeInstanceOf(CodeCatalystWaitTimeoutError)
    expect((error as CodeCatalystWaitTimeoutError<WorkflowRun>).lastRun?.status).toBe('IN_PROGRESS')
    project.set([1], 'SUCCEEDED')
    await tick(interval)
    await done
    expect(outcomes.get(1)).toBe('SUCCEEDED')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a wait that joins later is polled at once, then with the others', async () => {
    const { project, wait } = setup(30)
    const first = waitAll(wait, [1, 2])
    await tick(0)
    await tick(interval / 2)
    expect(project.lists()).toBe(1)
    const updates: string[] = []
    const late = waitAll(wait, [3], { onUpdate: (run) => updates.push(run.status) })
    await tick(0)
    expect(updates).toEqual(['IN_PROGRESS'])
    expect(project.requests.at(-1)).toEqual({ operation: 'get', id: runId(3) })
    await tick(interval / 2)
    expect(project.lists()).toBe(2) // all three on the one page
    expect(project.gets()).toBe(1)
    project.set('all', 'SUCCEEDED')
    await tick(interval)
    await Promise.all([first.done, late.done])
    expect(updates).toEqual(['IN_PROGRESS', 'SUCCEEDED'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a GetWorkflowRun answer goes to the waits on the run asked for, as alone (a mock answers with its example)', async () => {
    const { project } = setup(5)
    const fetch = project.fetch
    project.fetch = (async (input, init) => {
      const response = await fetch(input, init)
      if (init?.method === 'POST' || !response.ok) return response
      return Response.json({ ...(await response.json()), id: runId(4), status: 'SUCCEEDED' })
    }) as typeof globalThis.fetch
    const core = createCodeCatalystCore({ token: 't', fetch: project.fetch })
    const run = waitForWorkflowRun(core, { ...where, id: runId(1) }, { pollIntervalMs: interval })
    await tick(0)
    expect(await run).toMatchObject({ id: runId(4), status: 'SUCCEEDED' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('the result is the run GetWorkflowRun answers, built from the summary', async () => {
    const { core, wait, project } = setup(5)
    project.set('all', 'SUCCEEDED')
    const { done } = waitAll(wait, [1, 2])
    const results: WorkflowRun[] = []
    const direct = getWorkflowRun(core, { ...where, id: runId(1) })
    const coalesced = waitForWorkflowRun(
      core,
      { ...where, id: runId(1) },
      { pollIntervalMs: interval },
    )
    const other = waitForWorkflowRun(core, { ...where, id: runId(2) }, { pollIntervalMs: interval })
    await tick(0)
    results.push(await coalesced, await other)
    await done
    expect(project.gets()).toBe(1) // the direct call only
    expect(results[0]).toEqual(await direct)
    expect(Object.keys(results[0] as WorkflowRun).sort()).toEqual(Object.keys(await direct).sort())
  })
})

describe('coalesced waits: throttling, outages, the retry budget and the limiter', () => {
  it('rides out a throttled and then lost list, backing off, and reports each failed poll', async () => {
    const { project, retries, wait } = setup(30, { maxAttempts: 2 })
    const { outcomes, done } = waitAll(wait, [0, 1, 2])
    let trouble: Failure | undefined = 429
    project.failing = (operation) => (operation === 'list' ? trouble : undefined)
    await tick(300)
    // The list call's two attempts throttled: the poll failed; all three waits go on.
    expect(project.lists()).toBe(2)
    expect(retries.at(-1)).toMatchObject({
      operation: 'ListWorkflowRuns',
      error: { status: 429, attempts: 2 },
      delayMs: interval,
    })
    trouble = 'lost'
    await tick(5_000)
    const lost = retries.filter((event) => event.error.name === 'CodeCatalystConnectionError')
    expect(lost.length).toBeGreaterThan(0)
    expect(project.gets()).toBe(0) // no flood of GetWorkflowRun while the list fails
    expect(outcomes.size).toBe(0)
    trouble = undefined
    project.set('all', 'SUCCEEDED')
    await tick(30_000)
    await done
    expect([...outcomes.values()]).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a wait that runs out while the list fails says why in its cause', async () => {
    const { project, wait } = setup(30, { maxAttempts: 1 })
    project.failing = (operation) => (operation === 'list' ? 503 : undefined)
    const { outcomes, done } = waitAll(wait, [0, 1], { timeoutMs: 4_000 })
    await tick(5_000)
    await done
    const error = outcomes.get(0)
    expect(error).toBeInstanceOf(CodeCatalystWaitTimeoutError)
    expect((error as Error).cause).toMatchObject({ status: 503 })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('list calls spend and are refused by the client’s one retry budget', async () => {
    const { project, core, retries, wait } = setup(30)
    // Spend the budget with the client's own failing calls: 2 retries of 5 each, 50 times.
    project.failing = () => 503
    for (let call = 0; call < 50; call++) {
      const failed = getWorkflowRun(core, { ...where, id: runId(0) }).catch(() => {})
      await tick(1_000)
      await failed
    }
    const { outcomes, done } = waitAll(wait, [0, 1])
    const before = project.lists()
    await tick(0)
    // The list call is not retried: the budget cannot pay for it.
    expect(project.lists() - before).toBe(1)
    expect(retries.at(-1)?.error.message).toMatch(/retry budget is spent/)
    project.failing = undefined
    project.set('all', 'SUCCEEDED')
    await tick(30_000)
    await done
    expect([...outcomes.values()]).toEqual(['SUCCEEDED', 'SUCCEEDED'])
  })

  it('in adaptive mode every list attempt waits its turn at the limiter, and a throttled one teaches it', async () => {
    const acquire = vi.spyOn(AdaptiveRateLimiter.prototype, 'acquire')
    const update = vi.spyOn(AdaptiveRateLimiter.prototype, 'update')
    const { project, wait } = setup(120, { retryMode: 'adaptive' })
    let throttle = true
    project.failing = (operation) => {
      if (operation !== 'list' || !throttle) return undefined
      throttle = false
      return 429
    }
    const { outcomes, done } = waitAll(wait, range(0, 120))
    await tick(0)
    await tick(interval)
    project.set('all', 'SUCCEEDED')
    await tick(30_000)
    await done
    expect(outcomes.size).toBe(120)
    expect(project.lists()).toBeGreaterThan(3)
    expect(project.gets()).toBe(0)
    expect(acquire).toHaveBeenCalledTimes(project.lists())
    expect(update.mock.calls.filter(([throttled]) => throttled)).toHaveLength(1)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('watchWorkflowRuns', () => {
  it('yields each status change of each run once, and ends when all have ended', async () => {
    const project = fakeProject(30)
    const client = createCodeCatalystClient({ token: 't', fetch: project.fetch })
    const seen: string[] = []
    const watching = (async () => {
      for await (const run of client.watchWorkflowRuns(
        { ...where, ids: [runId(1), runId(2), runId(1)] },
        { pollIntervalMs: interval },
      )) {
        seen.push(`${run.id.slice(-1)} ${run.status}`)
      }
    })()
    await tick(0)
    await tick(interval)
    project.set([1], 'SUCCEEDED')
    await tick(interval)
    await tick(interval)
    project.set([2], 'FAILED')
    await tick(interval)
    await watching
    expect(seen).toEqual(['1 IN_PROGRESS', '2 IN_PROGRESS', '1 SUCCEEDED', '2 FAILED'])
    // Two runs: one list call a poll; one run left: GetWorkflowRun, as alone.
    expect(project.lists()).toBe(3)
    expect(project.gets()).toBe(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('follows the active runs of a workflow, listing that workflow only', async () => {
    const project = fakeProject(10)
    project.set([0, 2], 'SUCCEEDED') // of the even (first) workflow: runs 4, 6, 8 still active
    const client = createCodeCatalystClient({ token: 't', fetch: project.fetch })
    const seen: string[] = []
    const watching = (async () => {
      for await (const run of client.watchWorkflowRuns(
        { ...where, workflowId },
        { pollIntervalMs: interval },
      )) {
        seen.push(`${run.id.slice(-1)} ${run.status}`)
      }
    })()
    await tick(0)
    project.set('all', 'STOPPED')
    await tick(interval)
    await watching
    expect(seen).toEqual([
      '4 IN_PROGRESS',
      '6 IN_PROGRESS',
      '8 IN_PROGRESS',
      '4 STOPPED',
      '6 STOPPED',
      '8 STOPPED',
    ])
    expect(project.requests.every((request) => request.workflowId === workflowId)).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a reader that stops early ends the polls; a run that cannot be polled ends the watch', async () => {
    const project = fakeProject(30)
    const core = createCodeCatalystCore({ token: 't', fetch: project.fetch })
    const watch = watchWorkflowRuns(
      core,
      { ...where, ids: [runId(1), runId(2)] },
      { pollIntervalMs: interval },
    )
    const reading = (async () => {
      for await (const run of watch) return run
    })()
    await tick(0)
    expect((await reading)?.status).toBe('IN_PROGRESS')
    await tick(0)
    expect(vi.getTimerCount()).toBe(0)
    expect(runningPollers(core)).toBe(0)

    project.deleted.add(runId(3))
    const failing = (async () => {
      for await (const _ of watchWorkflowRuns(core, { ...where, ids: [runId(2), runId(3)] })) {
      }
    })().catch((error: unknown) => error)
    await tick(0)
    expect(await failing).toBeInstanceOf(ResourceNotFoundException)
    await tick(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('checks its input and options at once', () => {
    const project = fakeProject(1)
    const core = createCodeCatalystCore({ token: 't', fetch: project.fetch })
    expect(() => watchWorkflowRuns(core, { ...where })).toThrow(/needs `ids`/)
    expect(() => watchWorkflowRuns(core, { ...where, ids: ['not-a-uuid'] })).toThrow(/id/)
    expect(() =>
      watchWorkflowRuns(core, { ...where, ids: [runId(1)] }, { pollIntervalMs: -1 }),
    ).toThrow(/pollIntervalMs/)
    expect(project.requests).toHaveLength(0)
  })
})
