#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { CodeCatalystError, createCodeCatalystClient } from '@codecatalyst-runs/client'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    space: { type: 'string' },
    project: { type: 'string' },
    id: { type: 'string' },
    endpoint: { type: 'string' },
  },
})

try {
  if (positionals[0] !== 'get')
    throw new Error('usage: codecatalyst-runs get --space S --project P --id ID [--endpoint URL]')
  const client = createCodeCatalystClient({
    baseUrl: values.endpoint ?? process.env.CODECATALYST_ENDPOINT,
  })
  const run = await client.getWorkflowRun({
    spaceName: values.space as string,
    projectName: values.project as string,
    id: values.id as string,
  })
  console.log(run)
} catch (error) {
  console.error(
    error instanceof CodeCatalystError ? `${error.name}: ${error.message}` : String(error),
  )
  process.exitCode = 1
}
