import type { WorkflowRunStatus } from '@codecatalyst-runs/types'

const terminalStatusList = [
  'SUCCEEDED',
  'FAILED',
  'STOPPED',
  'SUPERSEDED',
  'CANCELLED',
  'NOT_RUN',
  'ABANDONED',
] as const satisfies readonly WorkflowRunStatus[]
const terminalStatuses: ReadonlySet<string> = new Set(terminalStatusList)

/** The statuses after which a run no longer changes. */
export type TerminalStatus = (typeof terminalStatusList)[number]

/** True when a run in this status will not change any more. Unknown statuses are not terminal. */
export function isTerminalStatus(status: string): status is TerminalStatus {
  return terminalStatuses.has(status)
}
