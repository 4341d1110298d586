// The built server as a process, as MCP clients run it: over stdio, driven by the MCP Inspector's
// CLI mode, and over Streamable HTTP (--http), driven by the Inspector and by the official
// conformance runner, against the CodeCatalyst simulator behind Prism's validation proxy. Every
// process listens on 127.0.0.1 only and is stopped by PID after the run, also on failure.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { stopProcess, stopWithThisProcess } from '@codecatalyst-runs/dev-servers/child-process'
import { type ProxiedSimulator, startProxiedSimulator } from '@codecatalyst-runs/simulator'
import { buildMain, where } from '@codecatalyst-runs/testing/fixtures'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const bin = join(packageDir, 'dist/bin.js')
const resolvePackage = (name: string) => join(packageDir, 'node_modules', name)
const inspector = join(
  resolvePackage('@modelcontextprotocol/inspector'),
  'clients/launcher/build/index.js',
)
const conformance = join(resolvePackage('@modelcontextprotocol/conformance'), 'dist/index.js')
const token = 'process-test-token-7d2e5b'
const secret = 'process-test-bearer-secret-0a1b2c'

let sim: ProxiedSimulator
let work: string
const children: ChildProcess[] = []
const servers: Server[] = []

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mcp-process-'))
  sim = await startProxiedSimulator({ stepMs: 60_000 })
})

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)))
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  await sim?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

/** The Inspector's CLI (it starts stdio servers itself); its files in the temp folder. */
async function inspect(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [inspector, '--cli', ...args], {
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      HOME: work,
      MCP_CATALOG_PATH: join(work, 'catalog.json'),
      MCP_CLIENT_CONFIG_PATH: join(work, 'client.json'),
    },
  })
}

const stdioTarget = () => [
  '-e',
  `CODECATALYST_TOKEN=${token}`,
  '-e',
  `CODECATALYST_ENDPOINT=${sim.url}`,
  process.execPath,
  bin,
]

describe('over stdio, with the MCP Inspector', () => {
  it('tools/list: every tool, and no schema the Inspector finds unportable (--strict)', async () => {
    const { stdout, stderr } = await inspect(
      ...stdioTarget(),
      '--method',
      'tools/list',
      '--strict',
      '--format',
      'json',
    )
    const { tools } = JSON.parse(stdout).result
    expect(tools.map((tool: { name: string }) => tool.name)).toEqual([
      'get_workflow_run',
      'start_workflow_run',
      'list_workflow_runs',
      'list_workflows',
      'get_workflow',
      'wait_for_workflow_run',
    ])
    expect(stderr).not.toContain(token)
  })

  it('tools/call: starts build by its name and branch, then gets the run', async () => {
    const started = await inspect(
      ...stdioTarget(),
      '--method',
      'tools/call',
      '--tool-name',
      'start_workflow_run',
      '--tool-args-json',
      JSON.stringify({ ...where, workflowName: 'build', branch: 'main' }),
      '--format',
      'json',
    )
    const run = JSON.parse(started.stdout).result.structuredContent
    expect(run).toMatchObject({ ...where, workflowId: buildMain.id })
    const got = await inspect(
      ...stdioTarget(),
      '--method',
      'tools/call',
      '--tool-name',
      'get_workflow_run',
      '--tool-args-json',
      JSON.stringify({ ...where, id: run.id }),
      '--format',
      'json',
    )
    const { result } = JSON.parse(got.stdout)
    expect(result.structuredContent).toMatchObject({ id: run.id, status: 'VALIDATING' })
    expect(JSON.parse(result.content[0].text)).toEqual(result.structuredContent)
    expect(started.stdout + started.stderr + got.stdout + got.stderr).not.toContain(token)
  })
})

/** Starts `bin --http` on a free port of 127.0.0.1 and resolves with its URL. */
async function startHttp(env: Record<string, string>): Promise<{ url: string; stderr: string[] }> {
  const child = spawn(process.execPath, [bin, '--http'], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  stopWithThisProcess(child)
  children.push(child)
  const stderr: string[] = []
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk)
      const match = /serving MCP at (\S+)/.exec(stderr.join(''))
      if (match) resolve(match[1] as string)
    })
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr.join('')}`)))
  })
  return { url, stderr }
}

/** A proxy on 127.0.0.1 that adds the bearer secret: the conformance runner sends none. */
async function withBearer(target: string): Promise<string> {
  const upstream = new URL(target)
  const server = createServer((req, res) => {
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, authorization: `Bearer ${secret}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}`
}

describe('over Streamable HTTP (--http)', () => {
  let url: string
  let stderr: string[]
  beforeAll(async () => {
    ;({ url, stderr } = await startHttp({
      CODECATALYST_TOKEN: token,
      CODECATALYST_ENDPOINT: sim.url,
      CODECATALYST_MCP_SECRET: secret,
    }))
  })

  it('listens on 127.0.0.1 and refuses a request without the bearer secret', async () => {
    expect(new URL(url).hostname).toBe('127.0.0.1')
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    }
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(401)
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${secret}x` },
      body,
    })
    expect(wrong.status).toBe(401)
  })

  it('refuses to start without a secret', async () => {
    const refused = await run(process.execPath, [bin, '--http'], {
      timeout: 30_000,
      env: { PATH: process.env.PATH, CODECATALYST_TOKEN: token },
    }).catch((error: { code: number; stderr: string }) => error)
    expect(refused).toMatchObject({ code: 2 })
    expect((refused as { stderr: string }).stderr).toContain('CODECATALYST_MCP_SECRET')
  })

  it('the Inspector lists the tools and calls list_workflows with the secret', async () => {
    const auth = ['--transport', 'http', '--header', `Authorization: Bearer ${secret}`]
    const listed = await inspect(url, ...auth, '--method', 'tools/list', '--format', 'json')
    expect(JSON.parse(listed.stdout).result.tools).toHaveLength(6)
    const called = await inspect(
      url,
      ...auth,
      '--method',
      'tools/call',
      '--tool-name',
      'list_workflows',
      '--tool-args-json',
      JSON.stringify(where),
      '--format',
      'json',
    )
    const names = JSON.parse(called.stdout).result.structuredContent.items.map(
      (item: { name: string }) => item.name,
    )
    expect(names).toEqual(['build', 'build', 'deploy'])
    expect(stderr.join('')).not.toContain(token)
  })

  it("the SDK's client over HTTP: a wait streams its progress, then ends in WaitTimeout with the last run", async () => {
    const mcp = new Client({ name: 'http-test', version: '1.0.0' })
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${secret}` } },
      }),
    )
    try {
      const started = await mcp.callTool({
        name: 'start_workflow_run',
        arguments: { ...where, workflowId: buildMain.id },
      })
      const id = (started.structuredContent as { id: string }).id
      // This simulator's runs stay VALIDATING for a minute: the wait runs out first.
      const progress: (string | undefined)[] = []
      const waited = await mcp.callTool(
        {
          name: 'wait_for_workflow_run',
          arguments: { ...where, id, timeoutSeconds: 1, pollIntervalSeconds: 1 },
        },
        { onprogress: (update) => progress.push(update.message) },
      )
      expect(waited.isError).toBe(true)
      expect(waited._meta?.['codecatalyst-runs/error']).toMatchObject({
        type: 'WaitTimeout',
        lastRun: { id, status: 'VALIDATING' },
      })
      expect(progress).toEqual(['VALIDATING'])
    } finally {
      await mcp.close()
    }
  })

  // The runner's server scenarios that apply to a server of these tools. The others call the
  // reference server's own fixtures (test_simple_text, json_schema_2020_12_tool, …) or features
  // this server does not offer (resources, prompts, completion, logging, sampling, elicitation),
  // and the SSE-stream scenarios need sessions, which a stateless server has none of.
  const applicable = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection']
  it(`the conformance runner's applicable server scenarios pass: ${applicable.join(', ')}`, async () => {
    const proxied = await withBearer(url)
    const output = join(work, 'conformance')
    for (const scenario of applicable) {
      await run(
        process.execPath,
        [conformance, 'server', '--url', proxied, '--scenario', scenario, '-o', output],
        { timeout: 60_000, env: { PATH: process.env.PATH, HOME: work } },
      )
    }
    const results = await readdir(output)
    expect(results).toHaveLength(applicable.length)
    for (const folder of results) {
      const checks = JSON.parse(await readFile(join(output, folder, 'checks.json'), 'utf8'))
      expect(checks.length, folder).toBeGreaterThan(0)
      for (const check of checks) expect([folder, check.status]).toEqual([folder, 'SUCCESS'])
    }
  })
})

describe("the README's example", () => {
  it('runs as written: lists the workflows, starts build on main, waits, reads SUCCEEDED', async () => {
    const readme = await readFile(join(packageDir, 'README.md'), 'utf8')
    const example = /```js\n(\/\/ agent\.mjs\n[\s\S]*?)```/.exec(readme)?.[1]
    expect(example).toBeDefined()
    // A simulator whose runs move on their own: a step every 500 ms.
    const moving = await startProxiedSimulator({ stepMs: 500 })
    // In the package's folder: it resolves itself by name, and the SDK's client is there.
    const file = join(packageDir, 'readme-example.test-run.mjs')
    try {
      await writeFile(file, example as string)
      const { stdout, stderr } = await run(process.execPath, [file], {
        cwd: packageDir,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          CODECATALYST_TOKEN: token,
          CODECATALYST_ENDPOINT: moving.url,
        },
      })
      const lines = stdout.trim().split('\n')
      expect(lines[0]).toBe('workflows: build@main build@release deploy@main')
      expect(lines[1]).toMatch(/^started [0-9a-f-]{36}$/)
      expect(lines.slice(2, -1).every((line) => line.startsWith('now '))).toBe(true)
      expect(lines.at(-2)).toBe('now SUCCEEDED')
      expect(lines.at(-1)).toBe('final SUCCEEDED')
      expect(stdout + stderr).not.toContain(token)
    } finally {
      await rm(file, { force: true })
      await moving.stop()
    }
  })
})
