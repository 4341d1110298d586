import type { WorkflowRunStatus } from '@codecatalyst-runs/types'

/** The statuses a run passes through before its end, one step each. */
export const activeStatuses = [
  'VALIDATING',
  'PROVISIONING',
  'IN_PROGRESS',
] as const satisfies readonly WorkflowRunStatus[]

export type Outcome = Extract<WorkflowRunStatus, 'SUCCEEDED' | 'FAILED'>

export interface RunTiming {
  /** When the run started, in ms since the epoch. */
  readonly startMs: number
  /** How long each active status lasts, in ms. */
  readonly stepMs: number
  readonly outcome: Outcome
}

export interface RunState {
  readonly status: WorkflowRunStatus
  readonly startTime: string
  /** When the status last changed: the start, then each step. */
  readonly lastUpdatedTime: string
  /** Set once the run has ended, equal to its lastUpdatedTime. */
  readonly endTime?: string
  /** A failed run says why; WorkflowRunStatusReason has no members in AWS's model. */
  readonly statusReasons?: Array<Record<string, never>>
}

/**
 * A run's state at `nowMs`, worked out from its timing alone (no timers): one active status per
 * step, then its outcome for ever. The times are consistent with the steps by construction.
 */
export function runStateAt(run: RunTiming, nowMs: number): RunState {
  const step = Math.min(
    activeStatuses.length,
    Math.max(0, Math.floor((nowMs - run.startMs) / run.stepMs)),
  )
  const lastUpdatedTime = new Date(run.startMs + step * run.stepMs).toISOString()
  const startTime = new Date(run.startMs).toISOString()
  const active = activeStatuses[step]
  if (active !== undefined) return { status: active, startTime, lastUpdatedTime }
  return {
    status: run.outcome,
    startTime,
    lastUpdatedTime,
    endTime: lastUpdatedTime,
    ...(run.outcome === 'FAILED' ? { statusReasons: [{}] } : {}),
  }
}
