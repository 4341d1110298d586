#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
import { parseCommand, usage } from './args.js'
import { debugDetails, describeFailure, exitCodes } from './failure.js'
import { renderRun, runJson } from './render.js'
import { watchRun } from './watch.js'

function version(): string {
  const read = (url: URL) => (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version
  const clientManifest = import.meta.resolve('@codecatalyst-runs/client/package.json')
  return `codecatalyst-runs ${read(new URL('../package.json', import.meta.url))} (@codecatalyst-runs/client ${read(new URL(clientManifest))})`
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug')
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
    const client = createCodeCatalystClient({ baseUrl: command.endpoint })
    if (command.command === 'get') {
      const run = await client.getWorkflowRun(command.input, { signal: interrupt.signal })
      console.log(command.json ? runJson(run) : renderRun(run))
      return exitCodes.ok
    }
    const run = await watchRun(client, command, interrupt.signal)
    return run.status === 'SUCCEEDED' ? exitCodes.ok : exitCodes.runNotSucceeded
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
