import { styleText } from 'node:util'
import { isTerminalStatus, type WorkflowRun } from '@codecatalyst-runs/client'
import { formatDuration } from './duration.js'

type Style = Parameters<typeof styleText>[0]

function statusStyle(status: string): Style {
  if (status === 'SUCCEEDED') return ['bold', 'green']
  if (status === 'FAILED' || status === 'ABANDONED') return ['bold', 'red']
  if (isTerminalStatus(status)) return ['bold', 'yellow']
  return ['bold', 'cyan']
}

/** The status, colored when the stream is a color terminal (styleText checks, and NO_COLOR). */
export function styledStatus(status: string, stream: NodeJS.WriteStream = process.stdout): string {
  return styleText(statusStyle(status), status, { stream })
}

function time(date: Date | undefined): string {
  return date
    ? `${date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '')} UTC`
    : '—'
}

/** The readable block that `get` prints and `watch` ends with. */
export function renderRun(run: WorkflowRun, now = new Date()): string {
  const end = run.endTime ?? (isTerminalStatus(run.status) ? run.lastUpdatedTime : undefined)
  const duration = formatDuration((end ?? now).getTime() - run.startTime.getTime())
  const rows: Array<[string, string]> = [
    ['workflow', run.workflowId],
    ['space', run.spaceName],
    ['project', run.projectName],
    ['started', time(run.startTime)],
    ['ended', time(run.endTime)],
    ['duration', end ? duration : `${duration} so far`],
    ['last update', time(run.lastUpdatedTime)],
  ]
  const lines = [`${styledStatus(run.status)}  run ${run.id}`]
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(13)}${value}`)
  if (run.statusReasons?.length) {
    lines.push('  status reasons')
    for (const reason of run.statusReasons) lines.push(`    - ${JSON.stringify(reason)}`)
  }
  return lines.join('\n')
}

/** The run as JSON, timestamps in ISO 8601. */
export function runJson(run: WorkflowRun): string {
  return JSON.stringify(run)
}
