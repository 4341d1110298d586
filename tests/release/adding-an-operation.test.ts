// "Edit the spec, regenerate, test, publish", proved on a fresh clone of this work tree: two
// operations of AWS's CodeCatalyst model (fixtures/projects-operations.yaml: GetProject, and
// VerifySession with no input) are added to the spec, and `pnpm generate && pnpm build` alone
// gives typed client methods that return parsed results from `pnpm mock`, with no hand-written
// file touched; `pnpm run docs` gives them their sections and samples on the API reference page
// (run against the mock) and REFERENCE.md its methods; the API reports and the semver guard see
// a minor change. Then one operation is taken out again, and its method goes. ListProjects
// (fixtures/list-projects.yaml) is refused by the generator today, naming its `filters` (a list
// of structures with enum members).
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
  createCodeCatalystClient,
  type GetProjectOutput,
  type VerifySessionOutput,
} from '@codecatalyst-runs/client'

const client = createCodeCatalystClient({ token: 'token', baseUrl: '${baseUrl}' })
const project: GetProjectOutput = await client.getProject({ spaceName: 'my-space', name: 'my-project' })
const session: VerifySessionOutput = await client.verifySession({})
// @ts-expect-error: GetProject's input has no member "id"; a typed method refuses it.
void (() => client.getProject({ spaceName: 'my-space', id: 'x' }))
console.log(JSON.stringify({ project, session }))
`

describe("adding operations of AWS's model to the spec", () => {
  it('pnpm generate && pnpm build touch only the spec and generated files', async () => {
    await editSpec((spec) => {
      spec.tags.push(...added.tags)
      Object.assign(spec.paths, added.paths)
      Object.assign(spec.components.schemas, added.components.schemas)
    })
    await pnpm('generate')
    await pnpm('build')
    expect(await changedFiles()).toEqual([
      'apps/simulator/src/generated/operations.gen.ts',
      'packages/client/REFERENCE.md',
      'packages/client/src/generated/client-methods.gen.ts',
      'packages/client/src/generated/methods.gen.ts',
      'packages/client/src/generated/operations.gen.ts',
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
    const { project, session } = JSON.parse(stdout)
    const example = (path: string) =>
      (
        Object.values(
          added.paths[path].get.responses['200'].content['application/json'].examples,
        )[0] as { value: unknown }
      ).value
    expect(project).toEqual(example('/v1/spaces/{spaceName}/projects/{name}'))
    expect(session).toEqual(example('/session'))
    await rm(file)
  })

  it('pnpm run docs gives the new operations their sections and proven samples, and REFERENCE.md its methods', async () => {
    await pnpm('run', 'docs')
    const page = await readFile(join(repo, 'docs/dist/index.html'), 'utf8')
    const copy = JSON.parse(await readFile(join(repo, 'docs/dist/openapi.json'), 'utf8'))
    const reference = await readFile(join(repo, 'packages/client/REFERENCE.md'), 'utf8')
    const cases = [
      ['/v1/spaces/{spaceName}/projects/{name}', 'getProject'],
      ['/session', 'verifySession'],
    ] as const
    for (const [path, method] of cases) {
      const samples: { label: string; source: string }[] = copy.paths[path].get['x-codeSamples']
      expect(samples.map((sample) => sample.label)).toEqual(['TypeScript', 'curl'])
      expect(samples[0]?.source).toContain(`await client.${method}(`)
      expect(page).toContain(`client.${method}(`)
      expect(reference).toContain(`\n## ${method}\n`)
      // The samples run against pnpm mock of the new spec, as tests/docs runs the page's own.
      const file = join(repo, `packages/client/sample-${method}.ts`)
      await writeFile(file, samples[0]?.source ?? '')
      const env = {
        ...process.env,
        CODECATALYST_TOKEN: 'token',
        CODECATALYST_ENDPOINT: mock?.url ?? '',
      }
      const typescript = await run(process.execPath, [file], { cwd: repo, env })
      const curl = await run('bash', ['-euo', 'pipefail', '-c', samples[1]?.source ?? ''], { env })
      await rm(file)
      const example = Object.values(
        added.paths[path].get.responses['200'].content['application/json'].examples,
      )[0] as { value: unknown }
      expect(JSON.parse(typescript.stdout)).toEqual(example.value)
      expect(JSON.parse(curl.stdout)).toEqual(example.value)
    }
    // The page is built output: git sees nothing new.
    expect(await changedFiles()).not.toContain('docs/dist/index.html')
  })

  it('the API reports show the additions, and the semver guard rates the change minor', async () => {
    await pnpm('api-report')
    const changed = await changedFiles()
    expect(changed).toContain('packages/client/review/client.api.md')
    const report = await readFile(join(repo, 'packages/client/review/client.api.md'), 'utf8')
    for (const name of ['getProject', 'verifySession']) {
      expect(report).toContain(`export function ${name}(`)
    }
    await writeFile(
      join(repo, '.changeset/projects.md'),
      "---\n'@codecatalyst-runs/client': minor\n'@codecatalyst-runs/types': minor\n---\n\nGetProject and VerifySession.\n",
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

  it('ListProjects is refused, naming its filters: list items with members are not compiled yet', async () => {
    await editSpec((spec) => {
      Object.assign(spec.paths, listProjects.paths)
      Object.assign(spec.components.schemas, listProjects.components.schemas)
    })
    const refused = await pnpm('generate').then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout}${error.stderr}`,
    )
    expect(refused).toContain(
      'paths./v1/spaces/{spaceName}/projects.post.requestBody.content.application/json.schema.properties.filters: only arrays of member-less objects are supported as inputs',
    )
  })
})
