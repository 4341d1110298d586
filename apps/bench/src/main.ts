// `pnpm bench`: @codecatalyst-runs/client side by side with bare HTTP and the official AWS SDK,
// measured in one run on this machine. Prints a table and writes apps/bench/RESULTS.md.
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { Agent, request as httpRequest } from 'node:http'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CodeCatalystClient,
  GetWorkflowRunCommand,
  ListWorkflowRunsCommand,
} from '@aws-sdk/client-codecatalyst'
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
import { stopWithThisProcess } from '@codecatalyst-runs/dev-servers/child-process'
import {
  bundleSize,
  clientProgram,
  modularProgram,
  operationCalls,
} from '@codecatalyst-runs/testing/bundle-size'
import { runInput } from '@codecatalyst-runs/testing/fixtures'
import { locatePnpm } from '@codecatalyst-runs/testing/fresh-clone'
import { type LoadResult, load, modes } from './load.ts'
import { pipeline } from './pipeline.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
// The client's bundle budgets, as its test checks them.
const budget = JSON.parse(
  readFileSync(join(root, 'packages/client/bundle-budget.json'), 'utf8'),
) as { getWorkflowRunOnly: number; eachFurtherOperation: number; wholeClient: number }
const benchDir = fileURLToPath(new URL('..', import.meta.url))
const input = runInput
const token = 'bench-token'
const rounds = 9
const sequentialCalls = 3000
const concurrentCalls = 6000
const concurrency = 32
const dateFields = ['startTime', 'endTime', 'lastUpdatedTime'] as const
const targets = { sequential: 0.95, concurrent: 0.9, awsSdk: 1.3 }
// pnpm as the README runs it, located once (npx's own start-up is not what is being measured).
const located = await locatePnpm(root)
const pnpm = located.pnpm

// ── statistics ───────────────────────────────────────────────────────────────────────────────
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
const spread = (values: number[]) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`
const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`

// ── the server, in a process of its own ──────────────────────────────────────────────────────
async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(benchDir, 'src/server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  stopWithThisProcess(child)
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()))
    child.once('exit', (code, signal) =>
      reject(new Error(`The bench server exited before listening (${signal ?? `exit ${code}`})`)),
    )
  })
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') }
}

// ── the four ways to make each call ─────────────────────────────────────────────────────────
type Operation = 'GetWorkflowRun' | 'ListWorkflowRuns'
const listInput = { spaceName: input.spaceName, projectName: input.projectName }

/** What a hand-written caller does with an answer: its timestamps as Dates, items included. */
function withDates(body: Record<string, unknown>) {
  for (const field of dateFields) {
    if (typeof body[field] === 'string') body[field] = new Date(body[field])
  }
  if (Array.isArray(body.items)) for (const item of body.items) withDates(item)
  return body
}

function variants(
  url: string,
  operation: Operation,
  fetchImplementation: typeof fetch = fetch,
): Record<string, () => Promise<unknown>> {
  const list = operation === 'ListWorkflowRuns'
  const path = list
    ? `/v1/spaces/${input.spaceName}/projects/${input.projectName}/workflowRuns`
    : `/v1/spaces/${input.spaceName}/projects/${input.projectName}/workflowRuns/${input.id}`
  const method = list ? 'POST' : 'GET'
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (list) headers['content-type'] = 'application/json'
  const body = list ? '{}' : undefined
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const { hostname, port } = new URL(url)
  const client = createCodeCatalystClient({ token, baseUrl: url, fetch: fetchImplementation })
  // The same without per-attempt timeouts: fetch then gets no abort signal to follow.
  const untimed = createCodeCatalystClient({
    token,
    baseUrl: url,
    fetch: fetchImplementation,
    timeoutMs: Number.POSITIVE_INFINITY,
  })
  const aws = new CodeCatalystClient({ endpoint: url, token: { token }, region: 'us-west-2' })
  return {
    '(a) node:http': () =>
      new Promise((resolve, reject) => {
        httpRequest({ hostname, port, path, method, agent, headers }, (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => resolve(withDates(JSON.parse(Buffer.concat(chunks).toString()))))
          response.on('error', reject)
        })
          .on('error', reject)
          .end(body)
      }),
    '(b) fetch': async () => {
      const response = await fetchImplementation(`${url}${path}`, { method, headers, body })
      return withDates(await response.json())
    },
    '(c) @codecatalyst-runs/client': list
      ? () => client.listWorkflowRuns(listInput)
      : () => client.getWorkflowRun(input),
    '(e) (c) with timeoutMs: Infinity': list
      ? () => untimed.listWorkflowRuns(listInput)
      : () => untimed.getWorkflowRun(input),
    '(d) @aws-sdk/client-codecatalyst': list
      ? () => aws.send(new ListWorkflowRunsCommand(listInput))
      : () => aws.send(new GetWorkflowRunCommand(input)),
  }
}

/** Every mode in each load scenario, one process each (with --expose-gc, to measure the heap). */
function manyCallers(): LoadResult[] {
  const script = fileURLToPath(new URL('./load.ts', import.meta.url))
  const rows: LoadResult[] = []
  for (const scenario of ['throttled', 'outage'] as const) {
    for (const mode of modes) {
      const output = execFileSync(process.execPath, ['--expose-gc', script, mode, scenario], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      rows.push(JSON.parse(output.trim().split('\n').at(-1) as string))
    }
  }
  return rows
}

/** The many-callers table, one line each. */
function manyCallersTable(many: LoadResult[]): string[] {
  const table: string[] = []
  table.push(
    `## Many callers: ${load.waiters} waiters on one client against the simulator's rate limit (${load.rateLimit}/s, about a quarter of their demand)`,
  )
  table.push('')
  table.push(
    `Each waiter waits for a run that ends at a random time ${load.endsBetweenMs[0] / 1000}–${load.endsBetweenMs[1] / 1000} s after they start, polling every ${load.pollIntervalMs} ms on average. "outage": the simulator is gone for ${load.outageMs / 1000} s, ${load.outageAtMs / 1000} s in. baseline: the client before the shared retry budget and the resilient waiter (each waiter on a client of its own, polling at exactly the interval, ending at the first poll that fails after its retries); standard and adaptive: one client in that retry mode, each wait polling GetWorkflowRun on its own (coalesce: false); coalesced: one client as created by default, its waits sharing their polls (ListWorkflowRuns pages, GetWorkflowRun for a run the pages do not carry). One process per row, the simulator in another (apps/bench/src/load.ts).`,
  )
  table.push('')
  table.push(
    '| scenario | mode | resolved with the right status | errors | requests per waiter | answered 429 | of which in the first 2 s | no answer | run end → waiter resolved, median / p99 | heap per waiter |',
  )
  table.push('|---|---|---:|---|---:|---:|---:|---:|---:|---:|')
  for (const row of many) {
    const errors = Object.entries(row.errors)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ')
    table.push(
      `| ${row.scenario} | ${row.mode} | ${fmt(row.rightStatus)} / ${fmt(row.waiters)} | ${errors || 'none'} | ${fmt(row.answers / row.waiters, 1)} | ${fmt((100 * row.throttled) / row.answers, 1)} % | ${fmt((100 * row.throttledAtStart) / row.answers, 1)} % | ${fmt(row.lost)} | ${fmt(row.delayMedianMs / 1000, 1)} s / ${fmt(row.delayP99Ms / 1000, 1)} s | ${kb(row.heapPerWaiterBytes)} |`,
    )
  }
  return table
}

/** A fetch that answers from memory with what the server once said to each method. */
async function cannedFetch(url: string): Promise<typeof fetch> {
  const answers = new Map<string, { text: string; headers: Headers }>()
  for (const method of ['GET', 'POST']) {
    const path = `/v1/spaces/${input.spaceName}/projects/${input.projectName}/workflowRuns${method === 'GET' ? `/${input.id}` : ''}`
    const response = await fetch(`${url}${path}`, {
      method,
      body: method === 'POST' ? '{}' : undefined,
    })
    answers.set(method, { text: await response.text(), headers: response.headers })
  }
  return (async (_input: unknown, init?: RequestInit) => {
    const answer = answers.get(init?.method ?? 'GET') as { text: string; headers: Headers }
    return new Response(answer.text, { headers: answer.headers })
  }) as typeof fetch
}

async function callsPerSecond(
  call: () => Promise<unknown>,
  calls: number,
  parallel: number,
): Promise<number> {
  const started = performance.now()
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let done = 0; done < calls / parallel; done++) await call()
    }),
  )
  return calls / ((performance.now() - started) / 1000)
}

/** Interleaved rounds, each variant's position rotating, so drift hits every variant alike. */
async function throughput(
  calls: Record<string, () => Promise<unknown>>,
  total: number,
  parallel: number,
) {
  const names = Object.keys(calls)
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]]))
  for (const name of names)
    await callsPerSecond(calls[name] as () => Promise<unknown>, 300, parallel) // warm-up
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < names.length; index++) {
      const name = names[(index + round) % names.length] as string
      samples[name]?.push(
        await callsPerSecond(calls[name] as () => Promise<unknown>, total, parallel),
      )
    }
  }
  return samples
}

// ── weight ───────────────────────────────────────────────────────────────────────────────────
const awsProgram = `import { CodeCatalystClient, GetWorkflowRunCommand } from '@aws-sdk/client-codecatalyst'
const client = new CodeCatalystClient({ endpoint: 'http://127.0.0.1:4010', token: { token: 'token' }, region: 'us-west-2' })
const run = await client.send(new GetWorkflowRunCommand(${JSON.stringify(input)}))
console.log(run.status, run.startTime)`
const fetchProgram = `const r = await fetch('http://127.0.0.1:4010/v1/spaces/${input.spaceName}/projects/${input.projectName}/workflowRuns/${input.id}', { headers: { authorization: 'Bearer token' } })
const run = await r.json()
for (const k of ['startTime', 'endTime', 'lastUpdatedTime']) if (run[k]) run[k] = new Date(run[k])
console.log(run.status, run.startTime)`

async function folderWeight(dir: string): Promise<{ packages: number; bytes: number }> {
  let packages = 0
  let bytes = 0
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    bytes += (await stat(path)).size
    // A package is a folder holding package.json right under a node_modules/(@scope/) folder.
    if (entry.name === 'package.json' && /node_modules\/(@[^/]+\/)?[^/@]+$/.test(entry.parentPath))
      packages++
  }
  return { packages, bytes }
}

async function installWeight() {
  const work = await mkdtemp(join(tmpdir(), 'codecatalyst-bench-'))
  try {
    const packed: Record<string, string> = {}
    for (const pkg of ['types', 'client', 'mcp']) {
      const out = execFileSync(pnpm, ['pack', '--pack-destination', work], {
        cwd: join(root, 'packages', pkg),
        encoding: 'utf8',
      })
      packed[pkg] = out.trim().split('\n').pop() as string
    }
    const tarballs = [packed.types, packed.client] as string[]
    const size = async (files: string[]) =>
      (await Promise.all(files.map((file) => stat(file)))).reduce((sum, file) => sum + file.size, 0)
    const tarballBytes = await size(tarballs)
    const mcpTarballs = [...tarballs, packed.mcp as string]
    const install = async (name: string, specs: string[]) => {
      const dir = join(work, name)
      await mkdir(dir)
      await writeFile(
        join(dir, 'package.json'),
        JSON.stringify({ name, private: true, type: 'module' }),
      )
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
        cwd: dir,
        stdio: 'ignore',
      })
      return folderWeight(join(dir, 'node_modules'))
    }
    return {
      tarballBytes,
      mcpTarballBytes: await size([packed.mcp as string]),
      ours: await install('ours', tarballs),
      aws: await install('aws', ['@aws-sdk/client-codecatalyst@3.693.0']),
      // The MCP server: our three tarballs, its SDK (and zod) from the npm registry; and the v1
      // SDK it did not choose, alone, for comparison.
      mcp: await install('mcp', mcpTarballs),
      mcpSdkV1: await install('mcp-sdk-v1', ['@modelcontextprotocol/sdk@1.32.2']),
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

// ── start-up: a fresh process imports the package and makes one call ─────────────────────────
async function startup(url: string) {
  const clientEntry = import.meta.resolve('@codecatalyst-runs/client')
  const awsEntry = import.meta.resolve('@aws-sdk/client-codecatalyst')
  const scripts = {
    '(c) @codecatalyst-runs/client': `const t0 = performance.now()
const { createCodeCatalystClient } = await import(${JSON.stringify(clientEntry)})
const t1 = performance.now()
await createCodeCatalystClient({ token: 't', baseUrl: ${JSON.stringify(url)} }).getWorkflowRun(${JSON.stringify(input)})
console.log(JSON.stringify({ importMs: t1 - t0, firstCallMs: performance.now() - t1, sinceStartMs: performance.now() }))`,
    '(d) @aws-sdk/client-codecatalyst': `const t0 = performance.now()
const { CodeCatalystClient, GetWorkflowRunCommand } = await import(${JSON.stringify(awsEntry)})
const t1 = performance.now()
await new CodeCatalystClient({ endpoint: ${JSON.stringify(url)}, token: { token: 't' }, region: 'us-west-2' }).send(new GetWorkflowRunCommand(${JSON.stringify(input)}))
console.log(JSON.stringify({ importMs: t1 - t0, firstCallMs: performance.now() - t1, sinceStartMs: performance.now() }))`,
  }
  type Sample = { importMs: number; firstCallMs: number; sinceStartMs: number }
  const samples = Object.fromEntries(Object.keys(scripts).map((name) => [name, [] as Sample[]]))
  for (let round = 0; round < 10; round++) {
    for (const [name, script] of Object.entries(scripts)) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
      })
      samples[name]?.push(JSON.parse(out))
    }
  }
  return samples
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────
// `pnpm bench --only load`: the many-callers table alone, printed; RESULTS.md is left as it is.
const onlyIndex = process.argv.indexOf('--only')
if (onlyIndex !== -1) {
  const part = process.argv[onlyIndex + 1]
  if (part !== 'load')
    throw new Error(`--only takes \`load\` (the many-callers table), not ${part}.`)
  for (const line of manyCallersTable(manyCallers())) console.log(line)
  process.exit(0)
}

const lines: string[] = []
const out = (line = '') => {
  lines.push(line)
  console.log(line)
}

const server = await startServer()
try {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${fmt(totalmem() / 2 ** 30)} GiB`
  out('# Benchmark results')
  out()
  out(`Written by \`pnpm bench\` (apps/bench/src/main.ts) on ${new Date().toISOString()}.`)
  out(`Machine: ${machine}; Node ${process.version}; ${process.platform}/${process.arch}.`)
  out(
    `Per-call figures: median of ${rounds} interleaved rounds (min–max across rounds) against a local node:http server in its own process, keep-alive.`,
  )

  const ratios: Array<[string, string, number, number]> = []
  /** µs per call of (b) one call at a time, and its rounds' spread, by operation. */
  const sequentialFetch = new Map<string, { perCallUs: number; spread: string }>()
  /** × (b) of the client without per-attempt timeouts, by operation and concurrency. */
  const untimedRatios: Array<[string, string, number]> = []
  for (const operation of ['GetWorkflowRun', 'ListWorkflowRuns'] as const) {
    const calls = variants(server.url, operation)
    for (const [title, total, parallel, target] of [
      [
        `sequential calls (${fmt(sequentialCalls)} per round)`,
        sequentialCalls,
        1,
        targets.sequential,
      ],
      [
        `${concurrency} concurrent calls (${fmt(concurrentCalls)} per round)`,
        concurrentCalls,
        concurrency,
        targets.concurrent,
      ],
    ] as const) {
      const samples = await throughput(calls, total, parallel)
      const b = median(samples['(b) fetch'] as number[])
      const c = median(samples['(c) @codecatalyst-runs/client'] as number[])
      const d = median(samples['(d) @aws-sdk/client-codecatalyst'] as number[])
      ratios.push([
        operation,
        parallel === 1 ? 'sequential' : `${concurrency} concurrent`,
        c / b,
        c / d,
      ])
      const e = median(samples['(e) (c) with timeoutMs: Infinity'] as number[])
      untimedRatios.push([
        operation,
        parallel === 1 ? 'sequential' : `${concurrency} concurrent`,
        e / b,
      ])
      if (parallel === 1) {
        sequentialFetch.set(operation, {
          perCallUs: 1e6 / b,
          spread: spread(samples['(b) fetch'] as number[]),
        })
      }
      out()
      out(
        `## ${operation}${operation === 'ListWorkflowRuns' ? ' (a page of 50 runs)' : ''}: ${title}`,
      )
      out()
      out(
        '| variant | calls/s (median) | min–max | µs per call (1/throughput) | × (b) fetch | × (d) AWS SDK |',
      )
      out('|---|---:|---:|---:|---:|---:|')
      for (const [name, values] of Object.entries(samples)) {
        const m = median(values)
        out(
          `| ${name} | ${fmt(m)} | ${spread(values)} | ${fmt(1e6 / m, 1)} | ${fmt(m / b, 2)} | ${fmt(m / d, 2)} |`,
        )
      }
      out()
      out(
        `Target for (c): ≥ ${target}× (b) and ≥ ${targets.awsSdk}× (d). Measured: ${fmt(c / b, 2)}× (b) ${c / b >= target ? 'met' : 'missed'}, ${fmt(c / d, 2)}× (d) ${c / d >= targets.awsSdk ? 'met' : 'missed'}.`,
      )
    }
  }

  // The client's own CPU per call: the same calls with a fetch that answers at once from memory,
  // so that no network, server or socket is left in the figure.
  const canned = await cannedFetch(server.url)
  out()
  const cpuOverhead = new Map<string, number>()
  out('## Client CPU per call, without the network (a fetch that returns a canned answer)')
  out()
  out('| operation | (b) fetch, µs | (c) @codecatalyst-runs/client, µs | (c) − (b), µs |')
  out('|---|---:|---:|---:|')
  for (const operation of ['GetWorkflowRun', 'ListWorkflowRuns'] as const) {
    const calls = variants(server.url, operation, canned)
    const cpu = await throughput(
      { '(b) fetch': calls['(b) fetch'], '(c)': calls['(c) @codecatalyst-runs/client'] } as Record<
        string,
        () => Promise<unknown>
      >,
      sequentialCalls,
      1,
    )
    const bare = 1e6 / median(cpu['(b) fetch'] as number[])
    const ours = 1e6 / median(cpu['(c)'] as number[])
    out(`| ${operation} | ${fmt(bare, 1)} | ${fmt(ours, 1)} | ${fmt(ours - bare, 1)} |`)
    cpuOverhead.set(operation, ours - bare)
  }
  out()
  out('### Where the rest of the time goes')
  out()
  out(
    `- The per-attempt timeout: the client gives fetch an abort signal for it, and undici follows a signal at a cost of its own. (e) is (c) without it: ${untimedRatios.map(([operation, mode, ratio]) => `${operation} ${mode} ${fmt(ratio, 2)}× (b)`).join(', ')}; the difference between (c) and (e) is what timing attempts out costs. A client that could not time an attempt out or abort it would not be one worth having, so the default keeps it and \`timeoutMs: Infinity\` leaves it out.`,
  )
  for (const [operation, overheadUs] of cpuOverhead) {
    const network = sequentialFetch.get(operation)
    if (!network) continue
    out(
      `- ${operation}: the client's own work costs ${fmt(overheadUs, 1)} µs of CPU per call beyond bare fetch's, ${fmt((100 * overheadUs) / network.perCallUs, 1)} % of a loopback call one at a time (${fmt(network.perCallUs, 0)} µs with bare fetch). That work is the input checks, the request the generated SDK describes and the transport builds, a timer and an abort signal per attempt (the timeout), and the answer checked against the spec with its Dates parsed. The loopback call itself (undici's request and response streams, the server) is the same for (b) and (c); bare fetch's own rounds ranged ${network.spread} calls/s in this run, which is the noise any single ratio above carries.`,
    )
  }

  out()
  out('## Browser bundles (esbuild, minified)')
  out()
  out('| program | minified | gzip -9 | budget (gzip) |')
  out('|---|---:|---:|---:|')
  const row = async (name: string, program: string, budget: string) => {
    const size = await bundleSize(program, benchDir)
    out(`| ${name} | ${kb(size.minified)} | ${kb(size.gzip)} (${fmt(size.gzip)} B) | ${budget} |`)
    return size.gzip
  }
  await row('(b) bare fetch, one GetWorkflowRun', fetchProgram, '')
  const only = await row(
    '(c) @codecatalyst-runs/client, getWorkflowRun only (core + one operation)',
    modularProgram(['getWorkflowRun']),
    `${kb(budget.getWorkflowRunOnly)}`,
  )
  for (const operation of Object.keys(operationCalls).slice(1) as Array<
    keyof typeof operationCalls
  >) {
    const size = await bundleSize(modularProgram(['getWorkflowRun', operation]), benchDir)
    out(
      `| (c) … + ${operation} | ${kb(size.minified)} | ${kb(size.gzip)} (+${fmt(size.gzip - only)} B) | +${kb(budget.eachFurtherOperation)} |`,
    )
  }
  await row(
    '(c) @codecatalyst-runs/client, the whole client',
    clientProgram,
    kb(budget.wholeClient),
  )
  await row('(d) @aws-sdk/client-codecatalyst, one GetWorkflowRun', awsProgram, '')

  const starts = await startup(server.url)
  out()
  out('## Start-up: a fresh process imports the package and makes one call (10 runs each)')
  out()
  out('| variant | import (ms) | first call (ms) | process start → first answer (ms) |')
  out('|---|---:|---:|---:|')
  for (const [name, runs] of Object.entries(starts)) {
    const pick = (key: 'importMs' | 'firstCallMs' | 'sinceStartMs') => runs.map((r) => r[key])
    out(
      `| ${name} | ${fmt(median(pick('importMs')), 1)} (${spread(pick('importMs'))}) | ${fmt(median(pick('firstCallMs')), 1)} (${spread(pick('firstCallMs'))}) | ${fmt(median(pick('sinceStartMs')), 1)} |`,
    )
  }

  const weight = await installWeight()
  out()
  out('## Install weight for a consumer (npm install into an empty project)')
  out()
  out('| variant | packages | bytes on disk |')
  out('|---|---:|---:|')
  out(
    `| (c) @codecatalyst-runs/client (+ types), from the packed tarballs (${kb(weight.tarballBytes)} packed) | ${weight.ours.packages} | ${kb(weight.ours.bytes)} |`,
  )
  out(
    `| (d) @aws-sdk/client-codecatalyst@3.693.0, from the npm registry | ${weight.aws.packages} | ${kb(weight.aws.bytes)} |`,
  )
  out(
    `| (e) @codecatalyst-runs/mcp (+ client, types, @modelcontextprotocol/server 2.4.0 and its dependencies from the registry; ${kb(weight.mcpTarballBytes)} packed) | ${weight.mcp.packages} | ${kb(weight.mcp.bytes)} |`,
  )
  out(
    `| (f) for comparison, the MCP SDK it did not choose: @modelcontextprotocol/sdk@1.32.2 alone | ${weight.mcpSdkV1.packages} | ${kb(weight.mcpSdkV1.bytes)} |`,
  )

  const many = manyCallers()
  out()
  for (const line of manyCallersTable(many)) out(line)

  out()
  out('## Targets of the lifecycle issue, per call')
  out()
  out(
    `| operation | calls | × (b) fetch (target ${targets.sequential} sequential, ${targets.concurrent} concurrent) | × (d) AWS SDK (target ${targets.awsSdk}) |`,
  )
  out('|---|---|---:|---:|')
  for (const [operation, mode, vsFetch, vsAws] of ratios) {
    out(`| ${operation} | ${mode} | ${fmt(vsFetch, 2)} | ${fmt(vsAws, 2)} |`)
  }

  const times = await pipeline(root, located)
  out()
  out('## Pipeline (3 runs each)')
  out()
  out('| step | median (ms) | min–max |')
  out('|---|---:|---:|')
  out(`| \`pnpm generate\` | ${fmt(median(times.generate))} | ${spread(times.generate)} |`)
  out(
    `| cold \`pnpm build\` (turbo --force) | ${fmt(median(times.cold))} | ${spread(times.cold)} |`,
  )
  out(`| fully cached \`pnpm build\` | ${fmt(median(times.cached))} | ${spread(times.cached)} |`)
  out(
    `| fresh clone's \`pnpm build\`, empty local cache, warm remote cache (turborepo-remote-cache on 127.0.0.1) | ${fmt(median(times.remote))} | ${spread(times.remote)} |`,
  )
  out()
  out('Each figure is the whole command as typed, pnpm and turbo start-up included.')
} finally {
  server.stop()
}
await writeFile(join(benchDir, 'RESULTS.md'), `${lines.join('\n')}\n`)
console.log(`\nWrote ${join('apps/bench', 'RESULTS.md')}`)
