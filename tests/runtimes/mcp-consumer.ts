// The packed MCP server as npm users get it: `pnpm pack` of the three published packages, installed
// into a throw-away project with the MCP SDK's client (from the npm registry: the server's own
// dependencies, the SDK and zod, are not in this repo), and a program that runs the server's bin
// as a child over stdio, the way an MCP client starts it, with the runtime under test.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { preparePackedProject } from './packed-project.ts'

export interface McpConsumer {
  readonly dir: string
  /** Runs with the runtime under test: starts the bin with the same runtime, lists and calls. */
  readonly program: string
  readonly version: string
}

// One JSON line: each check's name, whether it passed, and what it saw.
const program = `import { Client } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
const { apiUrl, run: expectedRun } = JSON.parse(process.argv[2])
const bin = new URL('./node_modules/@codecatalyst-runs/mcp/dist/bin.js', import.meta.url).pathname
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [bin],
  env: { PATH: process.env.PATH ?? '', CODECATALYST_TOKEN: 'runtime-token', CODECATALYST_ENDPOINT: apiUrl },
})
const client = new Client({ name: 'runtimes', version: '1.0.0' })
const results = []
const check = async (name, body) => {
  try {
    const detail = await body()
    results.push({ name, ok: true, detail })
  } catch (error) {
    results.push({ name, ok: false, detail: String(error?.message ?? error) })
  }
}
await client.connect(transport)
await check('tools/list', async () => {
  const { tools } = await client.listTools()
  if (tools.length !== 6) throw new Error(\`\${tools.length} tools\`)
  return tools.map((tool) => tool.name).join(' ')
})
await check('get_workflow_run', async () => {
  const { spaceName, projectName, id } = expectedRun
  const result = await client.callTool({ name: 'get_workflow_run', arguments: { spaceName, projectName, id } })
  if (result.isError || result.structuredContent?.status !== expectedRun.status) throw new Error(JSON.stringify(result))
  if (JSON.parse(result.content[0].text).id !== id) throw new Error('the text block is not the run')
  return result.structuredContent.status
})
await check('bad arguments refused', async () => {
  const result = await client.callTool({ name: 'get_workflow_run', arguments: { spaceName: 'my-space', projectName: 'p', id: 'x' } })
  if (!result.isError) throw new Error('accepted')
  return 'isError'
})
await client.close()
console.log(JSON.stringify({ version: process.versions.node, results }))
`

/** Packs types, client and mcp (built), installs them with the MCP SDK's client, writes the program. */
export async function prepareMcpConsumer(work: string): Promise<McpConsumer> {
  const project = await preparePackedProject({
    work,
    name: 'mcp-consumer',
    workspace: ['packages/types', 'packages/client', 'packages/mcp'],
    registry: ['@modelcontextprotocol/client@2.4.0'],
  })
  const { dir } = project
  await writeFile(join(dir, 'mcp-program.mjs'), program)
  return {
    dir,
    program: join(dir, 'mcp-program.mjs'),
    version: await project.version('@codecatalyst-runs/mcp'),
  }
}
