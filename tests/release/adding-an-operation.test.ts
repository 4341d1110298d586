// "Edit the spec, regenerate, test, publish", proved on a fresh clone of this work tree: three
// operations of AWS's CodeCatalyst model (fixtures/projects-operations.yaml: GetProject, and
// VerifySession with no input; fixtures/list-projects.yaml: ListProjects, whose page token and
// size travel in the body and whose `filters` are a list of structures with enum members) are
// added to the spec, and `pnpm generate && pnpm build` alone gives typed client methods and a
// paginator that return parsed results from `pnpm mock`, with no hand-written file touched;
// `pnpm run docs` gives them their sections and samples on the API reference page (run against
// the mock) and REFERENCE.md its methods; the API reports and the semver guard see a minor
// change. Then one operation is taken out again, and its method goes.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type PrismServer, startPrismMock } from '@codecatalyst-runs/dev-servers/prism'
import {
  environmentWithoutTurbo,
  freshClone,
  locatePnpm,
  snapshotWorkTree,
} from '@codecatalyst-runs/testing/fresh-clone'
import type { SpecNode } from '@codecatalyst-runs/testing/spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const fixture = async (name: string) =>
  parse(await readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'))
const added = await fixture('projects-operations.yaml')
const listProjects = await fixture('list-projects.yaml')

let work: string
let repo: string
let pnpmPath: { pnpm: string; path: string }
let mock: PrismServer | undefined

/** Runs the clone's pnpm script, as a teammate would, and returns what it printed. */
async function pnpm(...args: string[]): Promise<string> {
  const { stdout, stderr } = await run(pnpmPath.pnpm, args, {
    cwd: repo,
    env: { ...environmentWithoutTurbo(), PATH: pnpmPath.path, CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  })
  return stdout + stderr
}

/** The files git sees changed or new in the clone, sorted. */
async function changedFiles(): Promise<string[]> {
  const { stdout } = await run('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: repo,
  })
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort()
}

const specFile = () => join(repo, 'spec/codecatalyst.openapi.yaml')

async function editSpec(change: (spec: SpecNode) => void): Promise<void> {
  const spec = parse(await readFile(specFile(), 'utf8'))
  change(spec)
  await writeFile(specFile(), stringify(spec, { lineWidth: 100 }))
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'codecatalyst-add-operation-'))
  const origin = join(work, 'origin')
  repo = join(work, 'repo')
  pnpmPath = await locatePnpm(root)
  await snapshotWorkTree(root, origin)
  // This checkout's install, hard-linked: the same packages, and no second download.
  await freshClone(origin, repo, pnpmPath, { shareInstallOf: root })
})

afterAll(async () => {
  await mock?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

// The program a user of the regenerated client writes: every new method, typed. It is
// type-checked against the built package, then run against `pnpm mock` of the new spec.
const program = (baseUrl: string) => `
import {
  CodeCatalystInputError,
  createCodeCatalystClient,
  type GetProjectOutput,
  type ListProjectsOutput,
  type ProjectSummary,
  type VerifySessionOutput,
} from '@codecatalyst-runs/client'

const client = createCodeCatalystClient({ token: 'token', baseUrl: '${baseUrl}' })
const project: GetProjectOutput = await client.getProject({ spaceName: 'my-space', name: 'my-project' })
const session: VerifySessionOutput = await client.verifySession({})
const filters = [{ key: 'hasAccessTo' as const, values: ['me'] }]
const page: ListProjectsOutput = await client.listProjects({ spaceName: 'my-space', maxResults: 100, filters })
const all: ProjectSummary[] = []
for await (const item of client.paginateProjects({ spaceName: 'my-space', filters })) all.push(item)
// @ts-expect-error: GetProject's input has no member "id"; a typed method refuses it.
void (() => client.getProject({ spaceName: 'my-space', id: 'x' }))
// @ts-expect-error: "owner" is no FilterKey of the spec.
void (() => client.listProjects({ spaceName: 'my-space', filters: [{ key: 'owner', values: [] }] }))
const refused = await client
  .listProjects({ spaceName: 'my-space', filters: [{ key: 'owner' as never, values: [] }] })
  .catch((error: unknown) => error)
if (!(refused instanceof CodeCatalystInputError)) throw new Error('an unknown filter key was sent')
console.log(JSON.stringify({ project, session, page, all, refused: refused.parameter }))
`

describe("adding operations of AWS's model to the spec", () => {
  it('pnpm generate && pnpm build touch only the spec and generated files', async () => {
    await editSpec((spec) => {
      spec.tags.push(...added.tags)
      for (const fixture of [added, listProjects]) {
        Object.assign(spec.paths, fixture.paths)
        Object.assign(spec.components.schemas, fixture.components.schemas)
      }
    })
    await pnpm('generate')
    await pnpm('build')
    expect(await changedFiles()).toEqual([
      'apps/simulator/src/generated/operations.gen.ts',
      'packages/client/REFERENCE.md',
      'packages/client/src/generated/client-methods.gen.ts',
      'packages/client/src/generated/methods.gen.ts',
      'packages/client/src/generated/operations.gen.ts',
      'packages/mcp/src/generated/tools.gen.ts',
      'packages/types/src/generated/types.gen.ts',
      'spec/codecatalyst.openapi.yaml',
    ])
  })

  it('every package still type-checks (simulator, CLI, tests) with the new operations', async () => {
    await pnpm('exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only')
  })

  it('gives typed methods that return parsed results from pnpm mock', async () => {
    mock = await startPrismMock({ spec: specFile() })
    const file = join(repo, 'packages/client/added-operations.ts')
    await writeFile(file, program(mock.url))
    const tsc = join(repo, 'node_modules/typescript/bin/tsc')
    await run(process.execPath, [
      tsc,
      '--noEmit',
      '--ignoreConfig',
      '--strict',
      '--module',
      'nodenext',
      '--target',
      'es2022',
      '--skipLibCheck',
      '--allowImportingTsExtensions',
      file,
    ])
    const { stdout } = await run(process.execPath, [file], { cwd: repo })
    const { project, session, page, all, refused } = JSON.parse(stdout)
    const example = (operation: SpecNode) =>
      (
        Object.values(operation.responses['200'].content['application/json'].examples)[0] as {
          value: unknown
        }
      ).value
    expect(project).toEqual(example(added.paths['/v1/spaces/{spaceName}/projects/{name}'].get))
    expect(session).toEqual(example(added.paths['/session'].get))
    const projects = example(listProjects.paths['/v1/spaces/{spaceName}/projects'].post) as {
      items: unknown[]
    }
    expect(page).toEqual(projects)
    // The example has no nextToken: one page, and the paginator yields its items.
    expect(all).toEqual(projects.items)
    expect(refused).toBe('filters[0].key')
    await rm(file)
  })

  it('gives the MCP server a tool per new operation, which an MCP client lists and calls', async () => {
    mock ??= await startPrismMock({ spec: specFile() })
    // In packages/mcp, which resolves itself by name and has the SDK's client as a devDependency.
    const file = join(repo, 'packages/mcp/added-tools.mjs')
    await writeFile(
      file,
      `import { createCodeCatalystClient } from '@codecatalyst-runs/client'
import { createCodeCatalystMcpServer } from '@codecatalyst-runs/mcp'
import { Client } from '@modelcontextprotocol/client'
import { InMemoryTransport } from '@modelcontextprotocol/server'
const client = createCodeCatalystClient({ token: 'token', baseUrl: '${mock.url}' })
const server = createCodeCatalystMcpServer({ client })
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
await server.connect(serverSide)
const mcp = new Client({ name: 'added-tools', version: '1.0.0' })
await mcp.connect(clientSide)
const { tools } = await mcp.listTools()
const project = await mcp.callTool({ name: 'get_project', arguments: { spaceName: 'my-space', name: 'my-project' } })
const session = await mcp.callTool({ name: 'verify_session', arguments: {} })
console.log(JSON.stringify({ tools, project, session }))
await mcp.close()
await server.close()
`,
    )
    const { stdout } = await run(process.execPath, [file], { cwd: join(repo, 'packages/mcp') })
    const { tools, project, session } = JSON.parse(stdout)
    const byName = Object.fromEntries(tools.map((tool: { name: string }) => [tool.name, tool]))
    for (const name of ['get_project', 'verify_session', 'list_projects']) {
      expect(byName[name]?.inputSchema).toMatchObject({
        type: 'object',
        additionalProperties: false,
      })
      expect(byName[name]?.annotations).toMatchObject({ readOnlyHint: true })
    }
    expect(byName.list_projects.inputSchema.properties.filters).toMatchObject({ type: 'array' })
    const getProject = added.paths['/v1/spaces/{spaceName}/projects/{name}'].get
    expect(project.structuredContent).toEqual(
      (
        Object.values(getProject.responses['200'].content['application/json'].examples)[0] as {
          value: unknown
        }
      ).value,
    )
    expect(session.isError).toBeFalsy()
    await rm(file)
  })

  it('pnpm run docs gives the new operations their sections and proven samples, and REFERENCE.md its methods', async () => {
    await pnpm('run', 'docs')
    const page = await readFile(join(repo, 'docs/dist/index.html'), 'utf8')
    const copy = JSON.parse(await readFile(join(repo, 'docs/dist/openapi.json'), 'utf8'))
    const reference = await readFile(join(repo, 'packages/client/REFERENCE.md'), 'utf8')
    const cases = [
      [
        added,
        '/v1/spaces/{spaceName}/projects/{name}',
        'get',
        'getProject',
        ['TypeScript', 'curl'],
      ],
      [added, '/session', 'get', 'verifySession', ['TypeScript', 'curl']],
      [
        listProjects,
        '/v1/spaces/{spaceName}/projects',
        'post',
        'listProjects',
        ['TypeScript', 'TypeScript: paginator', 'curl'],
      ],
    ] as const
    for (const [fixture, path, verb, method, labels] of cases) {
      const samples: { label: string; source: string }[] = copy.paths[path][verb]['x-codeSamples']
      expect(samples.map((sample) => sample.label)).toEqual(labels)
      const source = (label: string) => samples.find((sample) => sample.label === label)?.source
      expect(source('TypeScript')).toContain(`await client.${method}(`)
      expect(page).toContain(`client.${method}(`)
      expect(reference).toContain(`\n## ${method}\n`)
      // The samples run against pnpm mock of the new spec, as tests/docs runs the page's own.
      const file = join(repo, `packages/client/sample-${method}.ts`)
      await writeFile(file, source('TypeScript') ?? '')
      const env = {
        ...process.env,
        CODECATALYST_TOKEN: 'token',
        CODECATALYST_ENDPOINT: mock?.url ?? '',
      }
      const typescript = await run(process.execPath, [file], { cwd: repo, env })
      const curl = await run('bash', ['-euo', 'pipefail', '-c', source('curl') ?? ''], { env })
      const example = Object.values(
        fixture.paths[path][verb].responses['200'].content['application/json'].examples,
      )[0] as { value: { items?: unknown[] } }
      expect(JSON.parse(typescript.stdout)).toEqual(example.value)
      expect(JSON.parse(curl.stdout)).toEqual(example.value)
      if ((labels as readonly string[]).includes('TypeScript: paginator')) {
        expect(source('TypeScript: paginator')).toContain('client.paginateProjects(')
        expect(reference).toContain('\n## paginateProjects\n')
        await writeFile(file, source('TypeScript: paginator') ?? '')
        const items = await run(process.execPath, [file], { cwd: repo, env })
        const lines = items.stdout.trim().split('\n')
        expect(lines.map((line) => JSON.parse(line))).toEqual(example.value.items)
      }
      await rm(file)
    }
    // The page is built output: git sees nothing new.
    expect(await changedFiles()).not.toContain('docs/dist/index.html')
  })

  it('the API reports show the additions, and the semver guard rates the change minor', async () => {
    await pnpm('api-report')
    const changed = await changedFiles()
    expect(changed).toContain('packages/client/review/client.api.md')
    const report = await readFile(join(repo, 'packages/client/review/client.api.md'), 'utf8')
    for (const name of ['getProject', 'verifySession', 'listProjects', 'paginateProjects']) {
      expect(report).toContain(`export function ${name}(`)
    }
    await writeFile(
      join(repo, '.changeset/projects.md'),
      "---\n'@codecatalyst-runs/client': minor\n'@codecatalyst-runs/types': minor\n'@codecatalyst-runs/mcp': minor\n---\n\nGetProject, ListProjects and VerifySession.\n",
    )
    // Against the clone's one commit, the spec as it was: what adding the operations requires.
    const output = await pnpm('--silent', 'semver:check', '--base', 'HEAD', '--json')
    const verdict = JSON.parse(output.slice(output.indexOf('{')))
    const impacts = new Set(verdict.changes.map((change: { impact: string }) => change.impact))
    expect(impacts).toContain('minor')
    expect(impacts).not.toContain('major')
    expect(verdict.required).toEqual({
      '@codecatalyst-runs/types': 'minor',
      '@codecatalyst-runs/client': 'minor',
      // Its tools are generated from the spec: three new tools.
      '@codecatalyst-runs/mcp': 'minor',
      // New operations are the client's API, not the CLI's: its usage report is unchanged.
      '@codecatalyst-runs/cli': 'none',
    })
    expect(verdict.ok).toBe(true)
  })

  it('taking an operation out of the spec takes its method out of the client', async () => {
    await editSpec((spec) => {
      delete spec.paths['/session']
    })
    await pnpm('generate')
    const methods = await readFile(
      join(repo, 'packages/client/src/generated/methods.gen.ts'),
      'utf8',
    )
    expect(methods).not.toContain('verifySession')
    expect(methods).toContain('export function getProject(')
  })
})
