import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type PrismServer, startPrismMock } from '@codecatalyst-runs/dev-servers/prism'
import { runInput } from '@codecatalyst-runs/testing/fixtures'
import { startLocalServer } from '@codecatalyst-runs/testing/local-server'
import { errorResponses, responseExamples } from '@codecatalyst-runs/testing/spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureChromium, runInChromium } from './chromium.ts'
import { type CliConsumer, prepareCliConsumer } from './cli-consumer.ts'
import { type Consumer, prepareConsumer } from './consumer.ts'
import { type McpConsumer, prepareMcpConsumer } from './mcp-consumer.ts'
import { type CheckContext, type CheckResult, checks, type Expected } from './program/checks.ts'
import { type RuntimeRow, runtimeFailures, runtimesTable } from './report.ts'
import { runProcess } from './run-process.ts'
import { installedRuntime } from './runtime-cache.ts'
import { serverRuntimes } from './runtimes.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const checkNames = checks.map((check) => check.name)

// What the mock answers, from the spec: its first 200 example (Prism's default) and its 404.
const notFound = errorResponses().find((response) => response.status === 404)
if (!notFound) throw new Error('the spec declares no 404 for GetWorkflowRun')
const expected: Expected = {
  run: responseExamples('200')[0]?.[1] as Expected['run'],
  notFound: { message: notFound.message, requestId: notFound.requestId },
}

let work: string
let consumer: Consumer
let prism: PrismServer
/** Prism's start, kept so that afterAll stops it even when the consumer's preparation failed. */
let prismStarting: Promise<PrismServer> | undefined
/** What every runtime's program is given, as JSON. */
let context: CheckContext
const rows: RuntimeRow[] = []
/** The MCP server's rows of the report. */
const mcpRows: string[] = []
// Downloads start together before anything else; each runtime's test awaits its own.
const ready = new Map<string, Promise<string>>()

beforeAll(async () => {
  for (const runtime of serverRuntimes) ready.set(runtime.name, installedRuntime(runtime))
  ready.set('Chromium', ensureChromium())
  // Awaited (and so reported) by the test of each runtime, not here.
  for (const promise of ready.values()) promise.catch(() => {})
  work = await mkdtemp(join(tmpdir(), 'codecatalyst-runtimes-'))
  prismStarting = startPrismMock()
  ;[consumer, prism] = await Promise.all([prepareConsumer(work), prismStarting])
  context = { apiUrl: prism.url, expected }
})

afterAll(async () => {
  await prismStarting?.then(
    (server) => server.stop(),
    () => {}, // a Prism that failed to start stopped itself
  )
  if (work) await rm(work, { recursive: true, force: true })
  if (rows.length === 0) return
  const client = consumer?.versions['@codecatalyst-runs/client'] ?? '?'
  const failures = runtimeFailures(rows)
  const markdown = [
    '# Runtimes',
    '',
    `The packed \`@codecatalyst-runs/client\` ${client} against the Prism mock of the spec, one real process per runtime. Written by \`pnpm test:runtimes\` on ${new Date().toISOString()}.`,
    '',
    runtimesTable(rows, checkNames),
    '',
    ...(failures.length ? ['## Failures', '', ...failures.map((line) => `- ${line}`), ''] : []),
    ...(mcpRows.length
      ? [
          '## The MCP server',
          '',
          'The packed `@codecatalyst-runs/mcp`, its bin started over stdio by the MCP SDK client with the same Node, against the same mock.',
          '',
          '| runtime | version | passed | process |',
          '|---|---|---|---|',
          ...mcpRows,
          '',
        ]
      : []),
  ].join('\n')
  await mkdir(join(root, 'reports'), { recursive: true })
  await writeFile(join(root, 'reports', 'runtimes.md'), markdown)
  console.log(`${markdown}\n(also in reports/runtimes.md)`)
})

interface ProgramReport {
  version: string
  results: CheckResult[]
}

interface PageReport {
  results: CheckResult[]
  secureContext: boolean
}

/**
 * Runs one runtime's test: `body` returns its row (whatever the checks said); a runtime that
 * could not be installed or started gets a row with the reason. Either way the row goes into the
 * report, and the test fails with every failure spelled out.
 */
async function runtimeTest(runtime: string, version: string, body: () => Promise<RuntimeRow>) {
  const start = performance.now()
  const row = await body().catch(
    (error: unknown): RuntimeRow => ({
      runtime,
      version,
      results: [],
      ms: performance.now() - start,
      error: error instanceof Error ? error.message : String(error),
    }),
  )
  rows.push(row)
  expect(runtimeFailures([row])).toEqual([])
  expect(row.results.map((result) => result.name)).toEqual(checkNames)
}

describe('the packed client in each runtime', () => {
  for (const runtime of serverRuntimes) {
    const name = runtime.note ? `${runtime.name} (${runtime.note})` : runtime.name
    it(`${runtime.name} ${runtime.version}`, () =>
      runtimeTest(name, runtime.version, async () => {
        const binary = await (ready.get(runtime.name) as Promise<string>)
        const outcome = await runProcess(
          runtime.command(binary, consumer.program, [JSON.stringify(context)]),
          {
            cwd: consumer.dir,
            env: runtime.env?.(work) ?? {},
            timeoutMs: 60_000,
            exitGraceMs: 5_000,
          },
        )
        const report = outcome.report as ProgramReport | undefined
        const problems = [
          ...(outcome.error ? [outcome.error] : []),
          ...(report && report.version !== runtime.version
            ? [`reported version ${report.version}, not ${runtime.version}`]
            : []),
        ]
        return {
          runtime: name,
          version: report?.version ?? runtime.version,
          results: report?.results ?? [],
          ms: outcome.ms,
          ...(problems.length ? { error: problems.join('\n') } : {}),
        }
      }))
  }

  it('Chromium (Debian)', () =>
    runtimeTest('Chromium (Debian)', '?', async () => {
      const version = await (ready.get('Chromium') as Promise<string>)
      const start = performance.now()
      const server = await startLocalServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://page').pathname
        if (path === '/') {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          response.end('<!doctype html><script type="module" src="/program.js"></script>')
        } else if (path === '/program.js') {
          response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
          response.end(consumer.browserBundle)
        } else {
          response.writeHead(204).end() // favicon.ico
        }
      })
      try {
        const page = new URL(server.url)
        page.searchParams.set('context', JSON.stringify(context))
        const { report, pageErrors } = await runInChromium<PageReport>(page.href, 60_000)
        const problems = [
          ...pageErrors,
          // 127.0.0.1 is a secure context: crypto.randomUUID and the like exist there.
          ...(report.secureContext ? [] : ['the page is not a secure context']),
        ]
        return {
          runtime: 'Chromium (Debian)',
          version,
          results: report.results,
          ms: performance.now() - start,
          ...(problems.length ? { error: problems.join('\n') } : {}),
        }
      } finally {
        await server.close()
      }
    }))
})

describe('the packed MCP server on each Node', () => {
  // Its own project: the server's dependencies come from the npm registry.
  let mcpConsumer: Promise<McpConsumer>
  beforeAll(() => {
    mcpConsumer = prepareMcpConsumer(work)
    mcpConsumer.catch(() => {})
  })
  for (const runtime of serverRuntimes.filter((candidate) => candidate.packageName === 'node')) {
    it(`${runtime.name} ${runtime.version}: the bin over stdio lists, calls and refuses`, async () => {
      const [binary, consumer] = await Promise.all([
        ready.get(runtime.name) as Promise<string>,
        mcpConsumer,
      ])
      const outcome = await runProcess(
        runtime.command(binary, consumer.program, [
          JSON.stringify({ apiUrl: prism.url, run: expected.run }),
        ]),
        { cwd: consumer.dir, env: {}, timeoutMs: 60_000, exitGraceMs: 5_000 },
      )
      expect(outcome.error).toBeUndefined()
      const report = outcome.report as { version: string; results: CheckResult[] }
      expect(report.version).toBe(runtime.version)
      expect(report.results.filter((result) => !result.ok)).toEqual([])
      expect(report.results.map((result) => result.name)).toEqual([
        'tools/list',
        'get_workflow_run',
        'bad arguments refused',
      ])
      mcpRows.push(
        `| ${runtime.name} | ${runtime.version} | ${report.results.map((r) => r.name).join(', ')} | ${Math.round(outcome.ms)} ms |`,
      )
    })
  }
})

describe('the packed CLI on each Node of the matrix', () => {
  // The CLI's engines are the client's: every Node above, the floor included, runs the packed
  // CLI's --version and one command (get, against the Prism mock) as a real process.
  let cli: CliConsumer
  beforeAll(async () => {
    cli = await prepareCliConsumer(work)
  }, 120_000)
  const exec = promisify(execFile)
  const nodes = serverRuntimes.filter((runtime) => runtime.packageName === 'node')
  for (const runtime of nodes) {
    it(`codecatalyst-runs on ${runtime.name} ${runtime.version}: --version, then get`, async () => {
      const binary = await (ready.get(runtime.name) as Promise<string>)
      const options = {
        cwd: work,
        env: { PATH: process.env.PATH ?? '', CODECATALYST_TOKEN: 'runtime-test-token' },
        timeout: 30_000,
        killSignal: 'SIGKILL' as const,
      }
      expect((await exec(binary, ['--version'], options)).stdout.trim()).toBe(`v${runtime.version}`)
      const version = await exec(binary, [cli.bin, '--version'], options)
      expect(version.stdout).toBe(
        `codecatalyst-runs ${cli.versions.cli} (@codecatalyst-runs/client ${cli.versions.client})\n`,
      )
      const where = ['--space', runInput.spaceName, '--project', runInput.projectName]
      const get = await exec(
        binary,
        [cli.bin, 'get', ...where, '--id', runInput.id, '--endpoint', prism.url, '--json'],
        options,
      )
      expect(get.stderr).toBe('')
      expect(JSON.parse(get.stdout)).toMatchObject({
        id: expected.run.id,
        status: expected.run.status,
        startTime: new Date(expected.run.startTime as string).toISOString(),
      })
    })
  }
})

describe('the client README and engines match what was proven', () => {
  it('the README Runtimes table names every proven version', async () => {
    const readme = await readFile(join(root, 'packages/client/README.md'), 'utf8')
    const section = readme.split(/^## /m).find((part) => part.startsWith('Runtimes\n')) ?? ''
    const tableRows = section
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) =>
        line
          .split('|')
          .slice(1, 3)
          .map((cell) => cell.trim()),
      )
    expect(tableRows).toEqual(
      expect.arrayContaining(serverRuntimes.map((runtime) => [runtime.name, runtime.version])),
    )
  })

  it("`engines.node` is the oldest Node proven, and that Node's version is its floor (client and CLI)", async () => {
    const manifest = JSON.parse(await readFile(join(root, 'packages/client/package.json'), 'utf8'))
    const cliManifest = JSON.parse(await readFile(join(root, 'apps/cli/package.json'), 'utf8'))
    expect(cliManifest.engines).toEqual(manifest.engines)
    const nodes = serverRuntimes
      .filter((runtime) => runtime.packageName === 'node')
      .map((runtime) => runtime.version)
    const oldest = nodes.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))[0]
    expect(manifest.engines.node).toBe(`>=${oldest}`)
  })
})
