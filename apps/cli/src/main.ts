#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import {
  type CodeCatalystClient,
  createCodeCatalystClient,
  type WorkflowRun,
  type WorkflowSummary,
} from '@codecatalyst-runs/client'
import { type Command, parseCommand, usage, type Where } from './args.js'
import { debugDetails, describeFailure, exitCodes } from './failure.js'
import { annotateError, inGitHubActions, reportToGitHub, type WorkflowLabel } from './github.js'
import { jsonLine, renderRun, renderWorkflows, runRow, runRowHeader } from './render.js'
import { latestRun, resolveWorkflow } from './resolve-workflow.js'
import { watchRun, watchRuns } from './watch.js'

function version(): string {
  const read = (path: string) =>
    (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version
  // createRequire rather than import.meta.resolve, which Node 20.3 (the engines floor) lacks.
  const require = createRequire(import.meta.url)
  return `codecatalyst-runs ${read(require.resolve('../package.json'))} (@codecatalyst-runs/client ${read(require.resolve('@codecatalyst-runs/client/package.json'))})`
}

const label = (workflow: WorkflowSummary): WorkflowLabel => ({
  name: workflow.name,
  branch: workflow.sourceBranchName,
})

/**
 * Runs `follow`, which records each run it sees in `seen`; then, under GitHub Actions, reports
 * the runs as last seen (summary, outputs, annotations), also when `follow` failed. The workflows
 * not yet in `labels` are looked up once; without them the summary shows the workflow's id.
 */
async function followed(
  client: CodeCatalystClient,
  where: Where,
  labels: Map<string, WorkflowLabel>,
  signal: AbortSignal,
  follow: (seen: Map<string, WorkflowRun>) => Promise<number>,
  /** The order the runs were given in; without it, the order they were first seen. */
  order: readonly string[] = [],
): Promise<number> {
  const seen = new Map<string, WorkflowRun>()
  try {
    return await follow(seen)
  } finally {
    if (inGitHubActions() && seen.size > 0) {
      const rank = (run: WorkflowRun) => order.indexOf(run.id) >>> 0
      const runs = [...seen.values()].sort((a, b) => rank(a) - rank(b))
      if (runs.some((run) => !labels.has(run.workflowId)) && !signal.aborted) {
        try {
          for await (const workflow of client.paginateWorkflows(where, { signal })) {
            labels.set(workflow.id, label(workflow))
          }
        } catch {
          // The summary names the workflow by its id instead.
        }
      }
      reportToGitHub(runs, labels)
    }
  }
}

/** The exit code of runs that all ended: 0 when every one SUCCEEDED, else 1. */
const worstOf = (runs: readonly WorkflowRun[]) =>
  runs.every((run) => run.status === 'SUCCEEDED') ? exitCodes.ok : exitCodes.runNotSucceeded

type ApiCommand = Exclude<Command, { command: 'help' | 'version' }>

/** Runs one command against the API; resolves with the exit code. */
async function run(
  client: CodeCatalystClient,
  command: ApiCommand,
  signal: AbortSignal,
): Promise<number> {
  const { where } = command
  const labels = new Map<string, WorkflowLabel>()
  switch (command.command) {
    case 'workflows': {
      const workflows = []
      for await (const workflow of client.paginateWorkflows(where, { signal })) {
        if (command.json) console.log(jsonLine(workflow))
        else workflows.push(workflow)
      }
      if (!command.json) {
        console.log(workflows.length ? renderWorkflows(workflows) : 'No workflows.')
      }
      return exitCodes.ok
    }
    case 'list': {
      const workflow = await resolveWorkflow(client, where, command.workflow, signal)
      const input = { ...where, workflowId: workflow.id }
      let count = 0
      for await (const summary of client.paginateWorkflowRuns(input, {
        maxItems: command.limit,
        signal,
      })) {
        if (!command.json && count === 0) console.log(runRowHeader)
        console.log(command.json ? jsonLine(summary) : runRow(summary))
        count++
      }
      if (!command.json && count === 0) {
        console.log(`No runs of ${workflow.name} (${workflow.sourceBranchName}).`)
      }
      return exitCodes.ok
    }
    case 'start': {
      const workflow = await resolveWorkflow(client, where, command.workflow, signal)
      const started = await client.startWorkflowRun(
        { ...where, workflowId: workflow.id, clientToken: command.clientToken },
        { signal },
      )
      console.log(command.json ? jsonLine(started) : started.id)
      const { wait } = command
      if (wait === undefined) return exitCodes.ok
      labels.set(workflow.id, label(workflow))
      return followed(client, where, labels, signal, async (seen) => {
        const final = await watchRun(
          client,
          { ...where, id: started.id },
          { json: command.json, wait },
          signal,
          seen,
        )
        return worstOf([final])
      })
    }
    case 'get': {
      const found = await client.getWorkflowRun({ ...where, id: command.id }, { signal })
      console.log(command.json ? jsonLine(found) : renderRun(found))
      return exitCodes.ok
    }
    case 'watch': {
      const { target } = command
      if ('active' in target) {
        const workflow = await resolveWorkflow(client, where, target.active, signal)
        labels.set(workflow.id, label(workflow))
        return followed(client, where, labels, signal, async (seen) => {
          const runs = await watchRuns(
            client,
            { ...where, workflowId: workflow.id },
            command,
            signal,
            seen,
          )
          if (runs.length === 0) {
            console.error(`No run of ${workflow.name} (${workflow.sourceBranchName}) is active.`)
          }
          return worstOf(runs)
        })
      }
      if ('ids' in target && target.ids.length > 1) {
        return followed(
          client,
          where,
          labels,
          signal,
          async (seen) =>
            worstOf(await watchRuns(client, { ...where, ids: target.ids }, command, signal, seen)),
          target.ids,
        )
      }
      let id: string
      if ('ids' in target) {
        id = target.ids[0] as string
      } else {
        const workflow = await resolveWorkflow(client, where, target.latest, signal)
        labels.set(workflow.id, label(workflow))
        id = (await latestRun(client, where, workflow, signal)).id
      }
      return followed(client, where, labels, signal, async (seen) =>
        worstOf([await watchRun(client, { ...where, id }, command, signal, seen)]),
      )
    }
  }
}

/** Debug lines on stderr, where they never mix with the output a script reads. */
const stderrLogger = {
  debug: (message: string) => console.error(message),
  info: (message: string) => console.error(message),
  warn: (message: string) => console.error(message),
  error: (message: string) => console.error(message),
}

async function main(argv: string[]): Promise<number> {
  // Read before parsing too, so that an error in the arguments also gets its details.
  const debug = argv.includes('--debug') || process.env.CODECATALYST_DEBUG === '1'
  // Ctrl-C (or a SIGTERM from CI) aborts whatever is in flight; the command then exits with
  // 128 + the signal's number, as a shell reports it: 130 and 143.
  const interrupt = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => interrupt.abort(signal)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const command = parseCommand(argv, process.env)
    if (command.command === 'help') {
      process.stdout.write(usage)
      return exitCodes.ok
    }
    if (command.command === 'version') {
      console.log(version())
      return exitCodes.ok
    }
    const client = createCodeCatalystClient({
      baseUrl: command.endpoint,
      headers: command.headers,
      logger: command.debug ? stderrLogger : undefined,
      appId: 'codecatalyst-runs-cli',
    })
    return await run(client, command, interrupt.signal)
  } catch (error) {
    const { code, message } = describeFailure(error, interrupt.signal.reason)
    console.error(message)
    if (inGitHubActions() && code !== exitCodes.interrupted && code !== exitCodes.terminated) {
      annotateError('codecatalyst-runs', message)
    }
    if (debug) console.error(debugDetails(error))
    return code
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

process.exitCode = await main(process.argv.slice(2))
