#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { type CodeCatalystClient, createCodeCatalystClient } from '@codecatalyst-runs/client'
import { type Command, parseCommand, usage } from './args.js'
import { debugDetails, describeFailure, exitCodes } from './failure.js'
import { jsonLine, renderRun, renderWorkflows, runRow, runRowHeader } from './render.js'
import { latestRun, resolveWorkflow } from './resolve-workflow.js'
import { watchRun } from './watch.js'

function version(): string {
  const read = (url: URL) => (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
  const clientManifest = import.meta.resolve('@codecatalyst-runs/client/package.json')
  return `codecatalyst-runs ${read(new URL('../package.json', import.meta.url))} (@codecatalyst-runs/client ${read(new URL(clientManifest))})`
}

type ApiCommand = Exclude<Command, { command: 'help' | 'version' }>

/** Runs one command against the API; resolves with the exit code. */
async function run(
  client: CodeCatalystClient,
  command: ApiCommand,
  signal: AbortSignal,
): Promise<number> {
  const { where } = command
  const finalStatus = (status: string) =>
    status === 'SUCCEEDED' ? exitCodes.ok : exitCodes.runNotSucceeded
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
      if (command.wait === undefined) return exitCodes.ok
      const final = await watchRun(
        client,
        { ...where, id: started.id },
        { json: command.json, wait: command.wait },
        signal,
      )
      return finalStatus(final.status)
    }
    case 'get': {
      const found = await client.getWorkflowRun({ ...where, id: command.id }, { signal })
      console.log(command.json ? jsonLine(found) : renderRun(found))
      return exitCodes.ok
    }
    case 'watch': {
      const id =
        'id' in command.target
          ? command.target.id
          : (
              await latestRun(
                client,
                where,
                await resolveWorkflow(client, where, command.target.latest, signal),
                signal,
              )
            ).id
      const final = await watchRun(client, { ...where, id }, command, signal)
      return finalStatus(final.status)
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
    if (debug) console.error(debugDetails(error))
    return code
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

process.exitCode = await main(process.argv.slice(2))
