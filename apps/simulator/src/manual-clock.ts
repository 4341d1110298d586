/** A clock that moves only when told to: the simulator's time, in a test's hands. */
export interface ManualClock {
  /** The time, in ms since the epoch: pass it as the simulator's `clock`. */
  readonly now: () => number
  /** Moves the time on by `ms`. */
  advance(ms: number): void
}

export function manualClock(startMs = Date.parse('2026-11-24T10:00:00Z')): ManualClock {
  let time = startMs
  return {
    now: () => time,
    advance(ms) {
      time += ms
    },
  }
}
