// For a vitest file that runs against the proxied simulator (the simulator behind Prism's
// validation proxy): started before the file's tests on a manual clock that the tests move, and
// stopped after them, also when a test fails.
import { afterAll, beforeAll } from 'vitest'
import { type ManualClock, manualClock } from './manual-clock.ts'
import { type ProxiedSimulator, startProxiedSimulator } from './proxied.ts'

export interface ProxiedSimulatorFixture {
  /** The simulator's clock: `clock.advance(stepMs)` moves every run one status on. */
  readonly clock: ManualClock
  /** How long a run stays in each status, on that clock. */
  readonly stepMs: number
  /** The running simulator (its `url` is the proxy's), from the file's `beforeAll` on. */
  readonly sim: ProxiedSimulator
}

/** Registers the file's `beforeAll` that starts the proxied simulator and `afterAll` that stops it. */
export function useProxiedSimulator(stepMs = 1_000): ProxiedSimulatorFixture {
  const clock = manualClock()
  let sim: ProxiedSimulator | undefined
  beforeAll(async () => {
    sim = await startProxiedSimulator({ stepMs, clock: clock.now })
  })
  afterAll(async () => {
    await sim?.stop()
  })
  return {
    clock,
    stepMs,
    get sim() {
      if (sim === undefined) throw new Error('The simulator starts in beforeAll: use it in a test.')
      return sim
    },
  }
}
