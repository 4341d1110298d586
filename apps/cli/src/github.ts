// GitHub Actions, when GITHUB_ACTIONS=true: a job summary (a Markdown table appended to
// $GITHUB_STEP_SUMMARY), step outputs (`run-id`, `status` appended to $GITHUB_OUTPUT in the
// multi-line-safe `name<<delimiter` form) and an `::error::` annotation per run that did not
// succeed. Nothing here runs, and no file is touched, outside GitHub Actions.
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { isTerminalStatus, type WorkflowRun } from '@codecatalyst-runs/client'
import { formatDuration } from './duration.js'

/** The workflow a run belongs to, as the summary names it. */
export interface WorkflowLabel {
  readonly name: string
  readonly branch: string
}

export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true'
}

/** `%`, CR and LF escaped as the runner unescapes them in a workflow command's message. */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

/** The same for a property's value, where `:` and `,` separate too. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

/** `::error title=…::message`, on stderr (the runner reads workflow commands from both streams). */
export function annotateError(title: string, message: string): void {
  process.stderr.write(`::error title=${escapeProperty(title)}::${escapeData(message)}\n`)
}

/** How long a run took, or has taken so far. */
function duration(run: WorkflowRun): string {
  const end = run.endTime ?? (isTerminalStatus(run.status) ? run.lastUpdatedTime : undefined)
  const ms = (end ?? new Date()).getTime() - run.startTime.getTime()
  return end ? formatDuration(ms) : `${formatDuration(ms)} so far`
}

const icon = (status: string) =>
  status === 'SUCCEEDED' ? '✅' : isTerminalStatus(status) ? '❌' : '⏳'
const markdownCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** The job summary: a heading and one table row per run. */
export function summaryMarkdown(
  runs: readonly WorkflowRun[],
  workflows: ReadonlyMap<string, WorkflowLabel>,
): string {
  const rows = runs.map((run) => {
    const workflow = workflows.get(run.workflowId)
    return `| \`${run.id}\` | ${markdownCell(workflow?.name ?? run.workflowId)} | ${markdownCell(workflow?.branch ?? '—')} | ${icon(run.status)} ${markdownCell(run.status)} | ${duration(run)} |`
  })
  const where = runs[0] ? ` in ${runs[0].spaceName}/${runs[0].projectName}` : ''
  return [
    `### CodeCatalyst workflow run${runs.length === 1 ? '' : 's'}${markdownCell(where)}`,
    '',
    '| Run | Workflow | Branch | Status | Duration |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '',
  ].join('\n')
}

/** `name<<delimiter`, the value, the delimiter: safe for any value, several lines included. */
export function outputEntry(name: string, value: string): string {
  let delimiter = `ghadelimiter_${randomUUID()}`
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`
}

/**
 * Everything GitHub Actions gets for the runs watched: the summary, the outputs, and an
 * annotation for each run that ended in a status other than SUCCEEDED.
 */
export function reportToGitHub(
  runs: readonly WorkflowRun[],
  workflows: ReadonlyMap<string, WorkflowLabel>,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (runs.length === 0) return
  if (env.GITHUB_STEP_SUMMARY)
    appendFileSync(env.GITHUB_STEP_SUMMARY, summaryMarkdown(runs, workflows))
  if (env.GITHUB_OUTPUT) {
    appendFileSync(
      env.GITHUB_OUTPUT,
      outputEntry('run-id', runs.map((run) => run.id).join('\n')) +
        outputEntry('status', runs.map((run) => run.status).join('\n')),
    )
  }
  for (const run of runs) {
    if (run.status === 'SUCCEEDED' || !isTerminalStatus(run.status)) continue
    const workflow = workflows.get(run.workflowId)
    const label = workflow ? `${workflow.name} (${workflow.branch})` : run.workflowId
    annotateError(
      `CodeCatalyst run ${run.status}`,
      `Run ${run.id} of ${label} in ${run.spaceName}/${run.projectName} ended ${run.status} after ${duration(run)}.`,
    )
  }
}
