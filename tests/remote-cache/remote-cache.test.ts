// The shared, signed turbo remote cache, end to end: a real turborepo-remote-cache server on
// 127.0.0.1, fresh clones of this work tree, and what each of them gets from it. What turbo did is
// read from its run summary (`--summarize`), and what the server did from its own request log.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  defaultTeam,
  randomSecret,
  startTurboCacheServer,
  type TurboCacheServer,
  turboVariables,
} from '@codecatalyst-runs/dev-servers/turbo-cache-server'
import {
  environmentWithoutTurbo,
  freshClone,
  locatePnpm,
  snapshotWorkTree,
} from '@codecatalyst-runs/testing/fresh-clone'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendToArtifactFile, artifactFiles } from './artifact.ts'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
// The client's build: generate, then the types and the client. Every kind of task this repo
// caches, and no more work than the proof needs.
const client = '@codecatalyst-runs/client'
const tasks = ['//#generate', '@codecatalyst-runs/types#build', '@codecatalyst-runs/client#build']
const distFolders = ['packages/types/dist', 'packages/client/dist']
const tamperedFile = 'packages/client/dist/index.js'
const poison = '\nglobalThis.poisonedByTheCache = true\n'

interface TaskSummary {
  taskId: string
  hash: string
  cache: { status: 'HIT' | 'MISS'; source?: 'LOCAL' | 'REMOTE' }
}
interface RunSummary {
  execution: { attempted: number; cached: number; failed: number; exitCode: number }
  tasks: TaskSummary[]
}

let work: string
let server: TurboCacheServer
/** The server's start, kept so that afterAll stops it even when the rest of the setup failed. */
let serverStarting: Promise<TurboCacheServer> | undefined
let pnpm: { pnpm: string; path: string }
let signed: Record<string, string>
const clone = { a: '', b: '', c: '' }
/** Clones B and C, made while A builds: they need nothing from the cache. */
let othersReady: Promise<unknown> | undefined
let cold: RunSummary
let coldOutputs: Record<string, string>

/** `turbo run build` for a package in a clone, with these variables; returns turbo's summary. */
async function build(
  dir: string,
  variables: Record<string, string>,
  target = client,
): Promise<RunSummary> {
  await rm(join(dir, '.turbo/runs'), { recursive: true, force: true })
  const args = ['exec', 'turbo', 'run', 'build', `--filter=${target}`, '--summarize']
  await run(pnpm.pnpm, [...args, '--output-logs=errors-only'], {
    cwd: dir,
    env: {
      ...environmentWithoutTurbo(),
      PATH: pnpm.path,
      TURBO_TELEMETRY_DISABLED: '1',
      ...variables,
    },
    maxBuffer: 64 * 1024 * 1024,
  })
  const [file, ...more] = await readdir(join(dir, '.turbo/runs'))
  if (!file || more.length) throw new Error(`Expected one run summary in ${dir}`)
  return JSON.parse(await readFile(join(dir, '.turbo/runs', file), 'utf8'))
}

/** The cache status of each task, e.g. { '//#generate': 'HIT REMOTE' }. */
function cacheStatus(summary: RunSummary): Record<string, string> {
  return Object.fromEntries(
    summary.tasks.map((task) => [
      task.taskId,
      [task.cache.status, task.cache.source].filter(Boolean).join(' '),
    ]),
  )
}

function hashOf(taskId: string): string {
  const task = cold.tasks.find((candidate) => candidate.taskId === taskId)
  if (!task) throw new Error(`No task ${taskId} in clone A's run`)
  return task.hash
}

/** Every file of the build outputs, by path, as a SHA-256. */
async function outputs(dir: string, folders = distFolders): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const folder of folders) {
    for (const entry of await readdir(join(dir, folder), {
      recursive: true,
      withFileTypes: true,
    })) {
      if (!entry.isFile()) continue
      const path = join(entry.parentPath, entry.name)
      files[path.slice(dir.length + 1)] = createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
    }
  }
  return files
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'codecatalyst-remote-cache-'))
  const origin = join(work, 'origin')
  serverStarting = startTurboCacheServer()
  ;[pnpm, server] = await Promise.all([
    locatePnpm(root),
    serverStarting,
    snapshotWorkTree(root, origin),
  ])
  signed = turboVariables(server, randomSecret(32))
  // Fresh clones of the snapshot. A is installed as the README says; B and C share its install
  // (hard links, as pnpm links its store), which takes a fraction of the time, while A builds.
  clone.a = join(work, 'a')
  clone.b = join(work, 'b')
  clone.c = join(work, 'c')
  await freshClone(origin, clone.a, pnpm)
  othersReady = Promise.all(
    [clone.b, clone.c].map((dir) => freshClone(origin, dir, pnpm, { shareInstallOf: clone.a })),
  )
  othersReady.catch(() => {}) // reported by the test that awaits it
}, 300_000)

afterAll(async () => {
  await othersReady?.catch(() => {}) // no install still writing into the folder being removed
  await serverStarting?.then(
    (started) => started.stop(),
    () => {}, // a server that failed to start stopped itself
  )
  if (work) await rm(work, { recursive: true, force: true })
})

describe('a shared, signed turbo remote cache on turborepo-remote-cache', () => {
  it('clone A, cold: every task is a cache miss, and each artifact is uploaded with its signature', async () => {
    const before = server.requests().length
    cold = await build(clone.a, signed)
    coldOutputs = await outputs(clone.a)

    expect(cold.execution).toMatchObject({ failed: 0, exitCode: 0, cached: 0 })
    expect(cacheStatus(cold)).toEqual(Object.fromEntries(tasks.map((task) => [task, 'MISS'])))
    const uploads = (await server.settledRequests())
      .slice(before)
      .filter((request) => request.method === 'PUT')
    for (const task of tasks) {
      const hash = hashOf(task)
      expect(uploads, task).toContainEqual({
        method: 'PUT',
        url: `/v8/artifacts/${hash}?slug=${defaultTeam}`,
        status: 200,
      })
      const stored = join(server.storage, defaultTeam, hash)
      expect((await readFile(stored)).length, task).toBeGreaterThan(0)
      const tag = await readFile(`${stored}.tag`, 'utf8')
      expect(tag.length, `${task}: its signature`).toBeGreaterThan(0)
    }
  })

  it('clone B, fresh with an empty local cache: every task is a remote hit (FULL TURBO), dist byte-identical to A', async () => {
    await othersReady
    const warm = await build(clone.b, signed)

    expect(cacheStatus(warm)).toEqual(Object.fromEntries(tasks.map((task) => [task, 'HIT REMOTE'])))
    expect(warm.tasks.map((task) => [task.taskId, task.hash]).sort()).toEqual(
      cold.tasks.map((task) => [task.taskId, task.hash]).sort(),
    )
    // FULL TURBO: every task replayed from the cache, none ran.
    expect(warm.execution).toMatchObject({ attempted: tasks.length, cached: tasks.length })
    const files = await outputs(clone.b)
    expect(Object.keys(files)).toContain(tamperedFile)
    expect(files).toEqual(coldOutputs)
  })

  it('clone C refuses an artifact altered in the server storage (signature mismatch), rebuilds that task and succeeds', async () => {
    const stored = join(server.storage, defaultTeam, hashOf('@codecatalyst-runs/client#build'))
    const tampered = appendToArtifactFile(await readFile(stored), tamperedFile, poison)
    // Still a well-formed artifact: without a signature to check, turbo would unpack it as it is.
    expect(artifactFiles(tampered).get(tamperedFile)?.toString()).toContain(poison)
    await writeFile(stored, tampered)

    const refused = await build(clone.c, signed)

    expect(refused.execution).toMatchObject({ failed: 0, exitCode: 0 })
    expect(cacheStatus(refused)).toEqual({
      '//#generate': 'HIT REMOTE',
      '@codecatalyst-runs/types#build': 'HIT REMOTE',
      '@codecatalyst-runs/client#build': 'MISS',
    })
    expect(await readFile(join(clone.c, tamperedFile), 'utf8')).not.toContain(poison)
    expect(await outputs(clone.c)).toEqual(coldOutputs)
    // C uploaded its own signed build over the tampered one: the next clone gets a sound artifact.
    const replaced = artifactFiles(await readFile(stored)).get(tamperedFile)
    expect(replaced?.toString()).not.toContain(poison)
  })

  it("a wrong TURBO_TOKEN gets the server's 401, and the build still succeeds from scratch", async () => {
    const url = `${server.url}/v8/artifacts/${hashOf('//#generate')}?slug=${defaultTeam}`
    const statusFor = async (token: string) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
      await response.body?.cancel()
      return response.status
    }
    expect(await statusFor(server.token)).toBe(200)
    expect(await statusFor('wrong-token')).toBe(401)

    // In clone B, its local cache and outputs removed. The types' build (generate, then types)
    // shows it in half the time of the client's.
    await rm(join(clone.b, '.turbo'), { recursive: true, force: true })
    for (const folder of distFolders)
      await rm(join(clone.b, folder), { recursive: true, force: true })
    const storedBefore = (await readdir(join(server.storage, defaultTeam))).sort()
    const before = server.requests().length
    const rebuilt = await build(
      clone.b,
      { ...signed, TURBO_TOKEN: 'wrong-token' },
      '@codecatalyst-runs/types',
    )

    expect(rebuilt.execution).toMatchObject({ failed: 0, exitCode: 0, cached: 0 })
    expect(cacheStatus(rebuilt)).toEqual({
      '//#generate': 'MISS',
      '@codecatalyst-runs/types#build': 'MISS',
    })
    const requests = (await server.settledRequests()).slice(before)
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((request) => request.status !== 401)).toEqual([])
    expect((await readdir(join(server.storage, defaultTeam))).sort()).toEqual(storedBefore)
    const types = await outputs(clone.b, ['packages/types/dist'])
    expect(Object.keys(types).length).toBeGreaterThan(0)
    expect(types).toEqual(
      Object.fromEntries(
        Object.entries(coldOutputs).filter(([path]) => path.startsWith('packages/types/dist/')),
      ),
    )
  })
})
