// One run of the load scenario, in a process of its own (started with --expose-gc by main.ts):
// 1,000 waiters on runs that end at random times, polling about 4× the simulator's rate limit.
// Prints one JSON line of results. Usage: node --expose-gc load.ts <mode> <scenario>
//   mode: baseline | standard | adaptive | coalesced     scenario: throttled | outage
import { fork } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import {
  createCodeCatalystClient,
  type Hooks,
  isTerminalStatus,
  type RetryMode,
  type WorkflowRun,
} from '@codecatalyst-runs/client'
import { stopWithThisProcess } from '@codecatalyst-runs/dev-servers/child-process'
import { buildMain, deployMain, where } from '@codecatalyst-runs/testing/fixtures'
import type { LoadSimulatorAnswer, LoadSimulatorRequest } from './load-simulator.ts'

export const load = {
  waiters: 1000,
  /** The waiters' mean poll interval: together they ask for 1,000 polls a second. */
  pollIntervalMs: 1000,
  /** The simulator's rate limit for the waiters' one token: a quarter of their demand. */
  rateLimit: 250,
  /** Runs end between these many ms after the waiters start. */
  endsBetweenMs: [8_000, 38_000],
  /** The outage scenario: the simulator goes away this long, this far in. */
  outageMs: 3_000,
  outageAtMs: 15_000,
  waitTimeoutMs: 150_000,
} as const

export type Mode = 'baseline' | 'standard' | 'adaptive' | 'coalesced'
export const modes: readonly Mode[] = ['baseline', 'standard', 'adaptive', 'coalesced']
export type Scenario = 'throttled' | 'outage'

export interface LoadResult {
  readonly mode: Mode
  readonly scenario: Scenario
  readonly waiters: number
  /** Resolved with the status their run really ended in. */
  readonly rightStatus: number
  /** Rejected waits, by error name. */
  readonly errors: Record<string, number>
  /** Answers the waiters got, and how many of them were 429s. */
  readonly answers: number
  /** The answers by operation: GetWorkflowRun, ListWorkflowRuns. */
  readonly answersBy: Record<string, number>
  readonly throttled: number
  /** The 429s of the first two seconds: the burst of the first polls, before any client learns. */
  readonly throttledAtStart: number
  /** Attempts that got no answer (refused or reset connections). */
  readonly lost: number
  /** From a run's end to its waiter resolving. */
  readonly delayMedianMs: number
  readonly delayP99Ms: number
  readonly heapPerWaiterBytes: number
  readonly durationMs: number
}

const token = 'load-token'
const [modeArgument, scenarioArgument] = process.argv.slice(2) as [Mode, Scenario]

async function main(mode: Mode, scenario: Scenario): Promise<LoadResult> {
  const simulator = fork(
    new URL('./load-simulator.ts', import.meta.url),
    [String(load.rateLimit)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  stopWithThisProcess(simulator)
  const ask = (message: LoadSimulatorRequest) =>
    new Promise<LoadSimulatorAnswer>((resolve) => {
      simulator.once('message', (answer: LoadSimulatorAnswer) => resolve(answer))
      simulator.send(message)
    })
  const { url } = (await new Promise((resolve) => simulator.once('message', resolve))) as {
    url: string
  }

  // The runs: four in five of build (they end SUCCEEDED), one in five of deploy (FAILED), each
  // ending at a random time; three active steps each, so they move while they are waited on.
  const start = Date.now()
  const [earliest, latest] = load.endsBetweenMs
  const plans = Array.from({ length: load.waiters }, (_, index) => {
    const workflow = index % 5 === 4 ? deployMain : buildMain
    const endMs = start + earliest + Math.random() * (latest - earliest)
    const stepMs = 3_000 + Math.random() * 3_000
    return {
      workflowId: workflow.id as string,
      startMs: endMs - 3 * stepMs,
      stepMs,
      endMs,
      expected: workflow === deployMain ? 'FAILED' : 'SUCCEEDED',
    }
  })
  const { ids } = (await ask({
    seed: plans.map(({ endMs: _, expected: __, ...seed }) => seed),
  })) as {
    ids: string[]
  }

  let answers = 0
  const answersBy: Record<string, number> = {}
  let throttled = 0
  let throttledAtStart = 0
  let lost = 0
  const hooks: Hooks = {
    onResponse(event) {
      answers++
      answersBy[event.operation] = (answersBy[event.operation] ?? 0) + 1
      if (event.status !== 429) return
      throttled++
      if (Date.now() - start < 2_000) throttledAtStart++
    },
    onRetry(event) {
      if (!('status' in event.error)) lost++
    },
  }
  const options = { token, baseUrl: url, hooks }
  const wait = waitFor(mode, options)

  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const settled: Array<Promise<{ at: number; run?: WorkflowRun; error?: Error }>> = ids.map((id) =>
    wait({ ...where, id }).then(
      (run) => ({ at: Date.now(), run }),
      (error: Error) => ({ at: Date.now(), error }),
    ),
  )
  // Everything is in flight: what the waiters hold, measured once they are all running.
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  globalThis.gc?.()
  const heapPerWaiterBytes = (process.memoryUsage().heapUsed - heapBefore) / load.waiters
  if (scenario === 'outage') {
    setTimeout(() => void ask({ outageMs: load.outageMs }), load.outageAtMs - 2_000)
  }
  const outcomes = await Promise.all(settled)
  simulator.disconnect()

  const errors: Record<string, number> = {}
  const delays: number[] = []
  let rightStatus = 0
  outcomes.forEach((outcome, index) => {
    const plan = plans[index] as (typeof plans)[number]
    if (outcome.error) {
      errors[outcome.error.name] = (errors[outcome.error.name] ?? 0) + 1
      return
    }
    if (outcome.run?.status === plan.expected) rightStatus++
    delays.push(outcome.at - plan.endMs)
  })
  delays.sort((a, b) => a - b)
  const at = (share: number) =>
    delays[Math.min(delays.length - 1, Math.floor(share * delays.length))] ?? Number.NaN
  return {
    mode,
    scenario,
    waiters: load.waiters,
    rightStatus,
    errors,
    answers,
    answersBy,
    throttled,
    throttledAtStart,
    lost,
    delayMedianMs: at(0.5),
    delayP99Ms: at(0.99),
    heapPerWaiterBytes,
    durationMs: Date.now() - start,
  }
}

type Wait = (input: typeof where & { id: string }) => Promise<WorkflowRun>

/**
 * How the waiters wait in each mode. `baseline` is the client as it was before the shared retry
 * budget, adaptive mode and the resilient waiter: each waiter on a client of its own (so no
 * budget is shared), polling at exactly the interval, its wait ending at the first poll that
 * still fails after that call's retries. `standard` and `adaptive`: one client in that retry
 * mode, each wait polling GetWorkflowRun on its own (`coalesce: false`). `coalesced`: one client
 * as created by default (standard retry mode), its waits sharing ListWorkflowRuns polls.
 */
function waitFor(mode: Mode, options: { token: string; baseUrl: string; hooks: Hooks }): Wait {
  const timeoutMs = load.waitTimeoutMs
  if (mode === 'baseline') {
    return async (input) => {
      const client = createCodeCatalystClient(options)
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const run = await client.getWorkflowRun(input)
        if (isTerminalStatus(run.status)) return run
        if (Date.now() > deadline) throw new Error('the wait timed out')
        await new Promise((resolve) => setTimeout(resolve, load.pollIntervalMs))
      }
    }
  }
  if (mode === 'coalesced') {
    const client = createCodeCatalystClient(options)
    return (input) =>
      client.waitForWorkflowRun(input, { pollIntervalMs: load.pollIntervalMs, timeoutMs })
  }
  const client = createCodeCatalystClient({ ...options, retryMode: mode satisfies RetryMode })
  return (input) =>
    client.waitForWorkflowRun(input, {
      pollIntervalMs: load.pollIntervalMs,
      timeoutMs,
      coalesce: false,
    })
}

// Run as a script (main.ts imports this module for `load` and `modes` only).
if (modeArgument && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await main(modeArgument, scenarioArgument ?? 'throttled')))
}
