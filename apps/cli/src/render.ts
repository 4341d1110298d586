import { inspect } from 'node:util'
import {
  isTerminalStatus,
  type WorkflowRun,
  type WorkflowRunSummary,
  type WorkflowSummary,
} from '@codecatalyst-runs/client'
import { formatDuration } from './duration.js'

type Style = Array<'bold' | 'green' | 'red' | 'yellow' | 'cyan'>

/**
 * `util.styleText` as Node 24 does it with `{ stream }`, for every Node the CLI supports
 * (styleText came in 20.12, its `stream` option in 22.13; `engines` says 20.3): the escape codes
 * only when the stream is a terminal with colors, which `hasColors` decides (NO_COLOR,
 * NODE_DISABLE_COLORS, FORCE_COLOR, TERM).
 */
function styleText(style: Style, text: string, { stream }: { stream: NodeJS.WriteStream }) {
  if (!stream.isTTY || typeof stream.hasColors !== 'function' || !stream.hasColors()) return text
  if ('NO_COLOR' in process.env && !process.env.FORCE_COLOR) return text
  return style.reduceRight((inner, name) => {
    const [open, close] = inspect.colors[name] ?? [0, 0]
    return `\u001b[${open}m${inner}\u001b[${close}m`
  }, text)
}

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

/** How long a run took, or has taken so far; a terminal run without endTime ended at its last update. */
function runDuration(
  run: Pick<WorkflowRun, 'status' | 'startTime' | 'endTime' | 'lastUpdatedTime'>,
  now: Date,
) {
  const end = run.endTime ?? (isTerminalStatus(run.status) ? run.lastUpdatedTime : undefined)
  const duration = formatDuration((end ?? now).getTime() - run.startTime.getTime())
  return end ? duration : `${duration} so far`
}

/** The readable block that `get` prints and `watch` ends with. */
export function renderRun(run: WorkflowRun, now = new Date()): string {
  const rows: Array<[string, string]> = [
    ['workflow', run.workflowId],
    ['space', run.spaceName],
    ['project', run.projectName],
    ['started', time(run.startTime)],
    ['ended', time(run.endTime)],
    ['duration', runDuration(run, now)],
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

/** A value as one line of JSON, timestamps in ISO 8601. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value)
}

/** Rows under a header, each column as wide as its widest cell. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

/** `workflows`: one row per workflow. */
export function renderWorkflows(workflows: WorkflowSummary[]): string {
  return table(
    ['NAME', 'BRANCH', 'ID', 'STATUS'],
    workflows.map((workflow) => [
      workflow.name,
      workflow.sourceBranchName,
      workflow.id,
      workflow.status,
    ]),
  )
}

/** `list`: one row per run; the rows are printed as the pages arrive, so the widths are fixed. */
export function runRow(
  run: Pick<WorkflowRunSummary, 'id' | 'status' | 'startTime' | 'endTime' | 'lastUpdatedTime'>,
  now = new Date(),
): string {
  const status = styledStatus(run.status).padEnd(
    13 + styledStatus(run.status).length - run.status.length,
  )
  return `${status}${run.id}  ${time(run.startTime)}  ${runDuration(run, now)}`
}

export const runRowHeader = `${'STATUS'.padEnd(13)}${'RUN'.padEnd(38)}${'STARTED'.padEnd(25)}DURATION`
