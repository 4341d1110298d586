// The README's tools table is generated from the tools (and so from the spec): this test says
// when it is stale, and `UPDATE_README=1` rewrites it.
import { readFile, writeFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { operationTools } from './generated/tools.gen.js'
import { toolDefinitions } from './server.js'

const readme = new URL('../README.md', import.meta.url)
const yes = (value: boolean) => (value ? 'yes' : 'no')

/** The table: one row per tool, in tools/list's order. */
function toolsTable(): string {
  const rows = toolDefinitions().map((tool) => {
    const operation = operationTools.find((candidate) => candidate.name === tool.name)
    const from =
      tool.name === 'wait_for_workflow_run'
        ? 'GetWorkflowRun, polled'
        : tool.origin === 'handwritten'
          ? `${operation?.operationId}, by name or id`
          : operation?.operationId
    const { readOnlyHint, idempotentHint, destructiveHint } = tool.annotations
    return `| \`${tool.name}\` | ${from} | ${yes(readOnlyHint)} | ${yes(idempotentHint)} | ${yes(destructiveHint)} | ${tool.apiCalls} |`
  })
  return [
    '| tool | from | read-only | idempotent | destructive | API calls per call |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

it('the README tools table is what the tools are', async () => {
  const text = await readFile(readme, 'utf8')
  const start = text.indexOf('\n', text.indexOf('<!-- tools:start')) + 1
  const end = text.indexOf('<!-- tools:end -->')
  expect(start).toBeGreaterThan(0)
  const table = `${toolsTable()}\n`
  if (process.env.UPDATE_README) {
    await writeFile(readme, text.slice(0, start) + table + text.slice(end))
    return
  }
  expect(text.slice(start, end)).toBe(table)
})
