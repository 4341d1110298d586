// The packed MCP server as npm users get it: `pnpm pack` of the three published packages, installed
// into a throw-away project with the MCP SDK's client (from the npm registry: the server's own
// dependencies, the SDK and zod, are not in this repo), and a program that runs the server's bin
// as a child over stdio, the way an MCP client starts it, with the runtime under test.
import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const { packageManager } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))

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
  const packs = join(work, 'mcp-packs')
  const dir = join(work, 'mcp-consumer')
  await mkdir(packs, { recursive: true })
  await mkdir(dir, { recursive: true })
  for (const name of ['types', 'client', 'mcp']) {
    await run('npx', ['-y', packageManager, 'pack', '--pack-destination', packs], {
      cwd: join(root, 'packages', name),
    })
  }
  const tarballs = (await readdir(packs)).filter((file) => file.endsWith('.tgz'))
  if (tarballs.length !== 3) throw new Error(`expected three tarballs, got ${tarballs.join(', ')}`)
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'mcp-runtime-consumer', private: true, type: 'module' }),
  )
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      ...tarballs.map((file) => join(packs, file)),
      '@modelcontextprotocol/client@2.4.0',
    ],
    { cwd: dir },
  )
  await writeFile(join(dir, 'mcp-program.mjs'), program)
  const manifest = join(dir, 'node_modules/@codecatalyst-runs/mcp/package.json')
  return {
    dir,
    program: join(dir, 'mcp-program.mjs'),
    version: JSON.parse(await readFile(manifest, 'utf8')).version,
  }
}
