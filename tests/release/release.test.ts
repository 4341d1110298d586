import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type PrismServer, startPrismMock } from '@codecatalyst-runs/dev-servers/prism'
import { applyBump } from '@codecatalyst-runs/semver-guard/bump'
import { parameterSchema } from '@codecatalyst-runs/semver-guard/test-spec'
import { runInput } from '@codecatalyst-runs/testing/fixtures'
import { freshClone, locatePnpm, snapshotWorkTree } from '@codecatalyst-runs/testing/fresh-clone'
import { type LocalRegistry, startVerdaccio } from '@codecatalyst-runs/testing/verdaccio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
// Resolved once from the real registry: under the test's npmrc, npx would ask the local one.
let pnpm: readonly string[]
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

let registry: LocalRegistry
let prism: PrismServer
let work: string
let repo: string
let npmrc: string
const versions = { types: '', client: '', mcp: '', cli: '' }

interface Packument {
  versions: Record<
    string,
    { dependencies?: Record<string, string>; dist: { tarball: string; integrity: string } }
  >
  time: Record<string, string>
}

/** The registry every other package comes from (npm's own, as the machine's npm is set up). */
let upstreamRegistry: string

async function packument(name: string): Promise<Packument | undefined> {
  const response = await fetch(`${registry.url}/${name.replace('/', '%2f')}`)
  return response.status === 404 ? undefined : ((await response.json()) as Packument)
}

/** Runs a command; the environment never points at the user's own npmrc. */
async function sh(command: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const [file, ...args] = command as [string, ...string[]]
  return run(file, args, {
    cwd,
    env: { ...process.env, CI: 'true', SCARF_ANALYTICS: 'false', REDOCLY_TELEMETRY: 'off', ...env },
    maxBuffer: 64 * 1024 * 1024,
  })
}

/** The first `node` on PATH that is not the repo's own (node_modules/.bin). */
function machineNode(): string {
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.includes('node_modules'))
    .map((dir) => join(dir, 'node'))
    .find((file) => existsSync(file))
  if (!found) throw new Error('No Node.js of the machine on PATH')
  return found
}

/** Commits everything in the temp copy of the repo. */
async function commit(message: string) {
  await sh(['git', 'add', '-A'], repo)
  await sh(
    [
      'git',
      '-c',
      'user.name=release-test',
      '-c',
      'user.email=r@example.test',
      'commit',
      '-qm',
      message,
    ],
    repo,
  )
}

/** A minor bump of x.y.z. */
function minor(version: string): string {
  const [major, minorPart] = version.split('.').map(Number)
  return `${major}.${(minorPart ?? 0) + 1}.0`
}

beforeAll(async () => {
  const located = await locatePnpm(root)
  pnpm = [located.pnpm]
  upstreamRegistry = (await run('npm', ['config', 'get', 'registry'])).stdout.trim()
  work = await mkdtemp(join(tmpdir(), 'codecatalyst-release-'))
  registry = await startVerdaccio()
  const token = await registry.addUser('release-test', 'release-test-password')
  const host = new URL(registry.url).host
  // A throw-away npmrc: the user's own ~/.npmrc is never read or written.
  npmrc = join(work, 'npmrc')
  await writeFile(npmrc, `registry=${registry.url}/\n//${host}/:_authToken=${token}\n`)

  // A fresh clone of the repo as it is now (tracked and new files), installed as the README says,
  // with a git history of its own.
  const origin = join(work, 'origin')
  repo = join(work, 'repo')
  await snapshotWorkTree(root, origin)
  await freshClone(origin, repo, located)
  prism = await startPrismMock()
}, 300_000)

afterAll(async () => {
  await prism?.stop()
  await registry?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

/** The files of a package's tarball as the registry serves its released version, sorted. */
async function tarballFiles(name: keyof typeof versions): Promise<string[]> {
  const meta = (await packument(`@codecatalyst-runs/${name}`))?.versions[versions[name]]
  const tarball = join(work, `${name}.tgz`)
  await writeFile(
    tarball,
    Buffer.from(await (await fetch(meta?.dist.tarball as string)).arrayBuffer()),
  )
  return (await sh(['tar', '-tzf', tarball], work)).stdout.trim().split('\n').sort()
}

describe('releasing with changesets to a real registry', () => {
  it('changeset version bumps the four published packages (the MCP server and the CLI with changesets of their own), writes changelogs', async () => {
    const before = {
      types: JSON.parse(await readFile(join(repo, 'packages/types/package.json'), 'utf8')).version,
      client: JSON.parse(await readFile(join(repo, 'packages/client/package.json'), 'utf8'))
        .version,
      mcp: JSON.parse(await readFile(join(repo, 'packages/mcp/package.json'), 'utf8')).version,
      cli: JSON.parse(await readFile(join(repo, 'apps/cli/package.json'), 'utf8')).version,
    }
    await writeFile(
      join(repo, '.changeset/release-test.md'),
      "---\n'@codecatalyst-runs/types': minor\n'@codecatalyst-runs/client': minor\n---\n\nRelease test: a minor change.\n",
    )
    await sh([...pnpm, 'version-packages'], repo)

    versions.types = JSON.parse(
      await readFile(join(repo, 'packages/types/package.json'), 'utf8'),
    ).version
    versions.client = JSON.parse(
      await readFile(join(repo, 'packages/client/package.json'), 'utf8'),
    ).version
    versions.mcp = JSON.parse(
      await readFile(join(repo, 'packages/mcp/package.json'), 'utf8'),
    ).version
    versions.cli = JSON.parse(await readFile(join(repo, 'apps/cli/package.json'), 'utf8')).version
    // The MCP server's and the CLI's own changesets (minor) are pending; both depend on the client.
    expect(versions).toEqual({
      types: minor(before.types),
      client: minor(before.client),
      mcp: minor(before.mcp),
      cli: minor(before.cli),
    })
    // version-packages also pins the composite action to the CLI's new version.
    expect(await readFile(join(repo, 'actions/start-workflow-run/action.yml'), 'utf8')).toContain(
      `default: npx -y @codecatalyst-runs/cli@${versions.cli}\n`,
    )
    for (const pkg of ['types', 'client']) {
      const changelog = await readFile(join(repo, `packages/${pkg}/CHANGELOG.md`), 'utf8')
      expect(changelog).toContain(`## ${versions[pkg as 'types' | 'client']}`)
      expect(changelog).toContain('Release test: a minor change.')
    }
    const mcpChangelog = await readFile(join(repo, 'packages/mcp/CHANGELOG.md'), 'utf8')
    expect(mcpChangelog).toContain(`## ${versions.mcp}`)
    expect(mcpChangelog).toContain('New package `@codecatalyst-runs/mcp`')
    await commit('version')
  })

  it('pnpm release builds, checks and publishes the types, the client, the MCP server and the CLI', async () => {
    await sh([...pnpm, 'release'], repo, {
      NPM_CONFIG_USERCONFIG: npmrc,
      npm_config_registry: `${registry.url}/`,
    })

    const types = await packument('@codecatalyst-runs/types')
    const client = await packument('@codecatalyst-runs/client')
    expect(Object.keys(types?.versions ?? {})).toEqual([versions.types])
    expect(Object.keys(client?.versions ?? {})).toEqual([versions.client])
    // workspace:* became the exact version released with it.
    expect(client?.versions[versions.client]?.dependencies).toEqual({
      '@codecatalyst-runs/types': versions.types,
    })
    const mcp = await packument('@codecatalyst-runs/mcp')
    expect(Object.keys(mcp?.versions ?? {})).toEqual([versions.mcp])
    expect(mcp?.versions[versions.mcp]?.dependencies).toEqual({
      '@codecatalyst-runs/client': versions.client,
      '@modelcontextprotocol/server': '2.4.0',
    })
    const cli = await packument('@codecatalyst-runs/cli')
    expect(Object.keys(cli?.versions ?? {})).toEqual([versions.cli])
    expect(cli?.versions[versions.cli]?.dependencies).toEqual({
      '@codecatalyst-runs/client': versions.client,
      'yocto-spinner': expect.any(String),
    })
  })

  it('the CLI tarball ships dist (JavaScript only), README and LICENSE', async () => {
    const files = await tarballFiles('cli')
    const rest = files.filter((file) => !file.startsWith('package/dist/'))
    expect(rest).toEqual(['package/LICENSE', 'package/README.md', 'package/package.json'])
    const dist = files.filter((file) => file.startsWith('package/dist/'))
    expect(dist).toContain('package/dist/main.js')
    for (const file of dist) expect(file).toMatch(/^package\/dist\/[\w-]+\.js$/)
    expect(dist.join()).not.toMatch(/test|usage-report/)
  })

  it.each([
    ['types', /^package\/dist\/.+\.d\.ts$/],
    ['client', /^package\/dist\/.+\.(js|d\.ts)$/],
    ['mcp', /^package\/dist\/.+\.(js|d\.ts)$/],
  ])('the %s tarball ships dist, README and LICENSE only', async (name, distFile) => {
    const files = await tarballFiles(name as 'types' | 'client' | 'mcp')

    const rest = files.filter((file) => !file.startsWith('package/dist/'))
    expect(rest).toEqual(['package/LICENSE', 'package/README.md', 'package/package.json'])
    const dist = files.filter((file) => file.startsWith('package/dist/'))
    expect(dist).toContain('package/dist/index.d.ts')
    for (const file of dist) {
      expect(file).toMatch(distFile)
      expect(file).not.toMatch(/test|\.map$|openapi-ts/)
    }
    if (name !== 'types') {
      expect(dist).toContain('package/dist/index.js')
      // Every module has its declarations.
      for (const js of dist.filter((file) => file.endsWith('.js'))) {
        expect(dist).toContain(js.replace(/\.js$/, '.d.ts'))
      }
    }
  })

  it('a fresh project installs the client from the registry, runs it and type-checks against it', async () => {
    const consumer = join(work, 'consumer')
    await mkdir(consumer)
    await writeFile(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    )
    await sh(
      ['npm', 'install', '--no-audit', '--no-fund', `@codecatalyst-runs/client@${versions.client}`],
      consumer,
      { NPM_CONFIG_USERCONFIG: npmrc, npm_config_registry: `${registry.url}/` },
    )
    const installedTypes = JSON.parse(
      await readFile(join(consumer, 'node_modules/@codecatalyst-runs/types/package.json'), 'utf8'),
    )
    expect(installedTypes.version).toBe(versions.types)

    await writeFile(
      join(consumer, 'app.mjs'),
      `import { createCodeCatalystClient } from '@codecatalyst-runs/client'
let userAgent
const client = createCodeCatalystClient({ token: 't', baseUrl: process.argv[2], hooks: { onRequest: (event) => { userAgent = event.headers.get('user-agent') } } })
const run = await client.getWorkflowRun(${JSON.stringify(runInput)})
console.log(JSON.stringify({ status: run.status, isDate: run.startTime instanceof Date, userAgent }))
`,
    )
    // On the repo's Node 24, and on the machine's own Node (20 on a fresh machine): the client
    // promises `engines.node >=20.3.0`.
    for (const node of [process.execPath, machineNode()]) {
      const { stdout } = await sh([node, 'app.mjs', prism.url], consumer)
      expect(JSON.parse(stdout), node).toEqual({
        status: 'SUCCEEDED',
        isDate: true,
        // The version the release gave it: version-packages regenerates it with the bump.
        userAgent: expect.stringMatching(new RegExp(`^codecatalyst-runs/${versions.client} node/`)),
      })
    }

    await writeFile(
      join(consumer, 'app.ts'),
      `import { createCodeCatalystClient, isTerminalStatus, ThrottlingException, type WorkflowRun } from '@codecatalyst-runs/client'
import type { WorkflowRunStatus } from '@codecatalyst-runs/types'
export async function check(): Promise<number> {
  const run: WorkflowRun = await createCodeCatalystClient({ token: 't' }).getWorkflowRun({ spaceName: 's', projectName: 'p', id: 'i' })
  const known: WorkflowRunStatus | (string & {}) = run.status
  // @ts-expect-error startTime is a Date, not a string
  const wrong: string = run.startTime
  void wrong
  return isTerminalStatus(known) && !(run instanceof ThrottlingException) ? run.startTime.getTime() : 0
}
`,
    )
    await writeFile(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2023',
          lib: ['es2023', 'dom'],
          types: [],
          skipLibCheck: false,
        },
        files: ['app.ts'],
      }),
    )
    await sh([process.execPath, tsc, '-p', 'tsconfig.json'], consumer)
  })

  it('npx @codecatalyst-runs/mcp, installed from the registry, serves tools an MCP client lists and calls', async () => {
    const consumer = join(work, 'mcp-consumer')
    await mkdir(consumer)
    await writeFile(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'mcp-consumer', private: true, type: 'module' }),
    )
    // Our scope from the release's registry, everything else (the MCP SDK, zod) from npm's.
    const scoped = join(work, 'npmrc-scoped')
    await writeFile(
      scoped,
      `${await readFile(npmrc, 'utf8')}@codecatalyst-runs:registry=${registry.url}/\nregistry=${upstreamRegistry}\n`,
    )
    const env = { NPM_CONFIG_USERCONFIG: scoped, npm_config_registry: upstreamRegistry }
    await sh(
      [
        'npm',
        'install',
        '--no-audit',
        '--no-fund',
        `@codecatalyst-runs/mcp@${versions.mcp}`,
        '@modelcontextprotocol/client@2.4.0',
      ],
      consumer,
      env,
    )
    await writeFile(
      join(consumer, 'agent.mjs'),
      `import { Client } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
const transport = new StdioClientTransport({
  command: 'npx',
  args: ['--no-install', '@codecatalyst-runs/mcp'],
  env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '', CODECATALYST_TOKEN: 't-release-proof', CODECATALYST_ENDPOINT: process.argv[2] },
})
const client = new Client({ name: 'release-proof', version: '1.0.0' })
await client.connect(transport)
const { tools } = await client.listTools()
const run = await client.callTool({ name: 'get_workflow_run', arguments: ${JSON.stringify(runInput)} })
console.log(JSON.stringify({ tools: tools.map((tool) => tool.name), run: run.structuredContent, node: process.version }))
await client.close()
`,
    )
    // On the repo's Node 24 and the machine's own (20 on a fresh machine): engines >=20.3.0.
    for (const node of [process.execPath, machineNode()]) {
      const path = `${join(node, '..')}${delimiter}${process.env.PATH}`
      const { stdout } = await sh([node, 'agent.mjs', prism.url], consumer, { ...env, PATH: path })
      const answer = JSON.parse(stdout)
      expect(answer.tools, node).toEqual([
        'get_workflow_run',
        'start_workflow_run',
        'list_workflow_runs',
        'list_workflows',
        'get_workflow',
        'wait_for_workflow_run',
      ])
      expect(answer.run).toMatchObject({ ...runInput, status: 'SUCCEEDED' })
    }
  })

  it('the same project installs the CLI from the registry: npx codecatalyst-runs --version', async () => {
    const consumer = join(work, 'consumer')
    const env = { NPM_CONFIG_USERCONFIG: npmrc, npm_config_registry: `${registry.url}/` }
    // The registry has no uplinks: the CLI's one outside dependency (yocto-spinner, and its
    // yoctocolors) is published to it from the workspace's own install, as npm packs them.
    const fromCli = createRequire(join(repo, 'apps/cli/package.json'))
    const spinner = join(fromCli.resolve('yocto-spinner'), '..')
    const colors = join(createRequire(join(spinner, 'package.json')).resolve('yoctocolors'), '..')
    for (const dir of [spinner, colors]) {
      const packed = (
        await sh(['npm', 'pack', '--ignore-scripts', '--pack-destination', work, dir], work, env)
      ).stdout
        .trim()
        .split('\n')
        .at(-1) as string
      await sh(['npm', 'publish', '--ignore-scripts', join(work, packed)], work, env)
    }
    await sh(
      ['npm', 'install', '--no-audit', '--no-fund', `@codecatalyst-runs/cli@${versions.cli}`],
      consumer,
      env,
    )
    const expected = `codecatalyst-runs ${versions.cli} (@codecatalyst-runs/client ${versions.client})\n`
    const { stdout } = await sh(['npx', 'codecatalyst-runs', '--version'], consumer, env)
    expect(stdout).toBe(expected)
    // And on the machine's own Node (20 on a fresh machine): the CLI's engines are the client's.
    const bin = join(consumer, 'node_modules/@codecatalyst-runs/cli/dist/main.js')
    expect((await sh([machineNode(), bin, '--version'], consumer)).stdout).toBe(expected)
  })

  it('publishing the same version again fails clearly and changes nothing', async () => {
    const before = await packument('@codecatalyst-runs/client')
    const failure = await sh(
      [...pnpm, 'publish', '--no-git-checks'],
      join(repo, 'packages/client'),
      {
        NPM_CONFIG_USERCONFIG: npmrc,
        npm_config_registry: `${registry.url}/`,
      },
    ).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    expect(failure, 'the second publish must fail').toBeDefined()
    expect(`${failure?.stdout}${failure?.stderr}`).toMatch(
      /cannot publish over|previously published|already (present|exists)/i,
    )
    const after = await packument('@codecatalyst-runs/client')
    expect(after?.versions).toEqual(before?.versions)
    expect(after?.time).toEqual(before?.time)
  })
})

describe('pnpm release and the semver guard', () => {
  const registryEnv = () => ({
    NPM_CONFIG_USERCONFIG: npmrc,
    npm_config_registry: `${registry.url}/`,
  })
  const published = async () => ({
    types: await packument('@codecatalyst-runs/types'),
    client: await packument('@codecatalyst-runs/client'),
    mcp: await packument('@codecatalyst-runs/mcp'),
  })
  const version = async (pkg: 'types' | 'client' | 'mcp') =>
    JSON.parse(await readFile(join(repo, `packages/${pkg}/package.json`), 'utf8')).version
  const writeChangeset = (bump: string) =>
    writeFile(
      join(repo, '.changeset/guard-test.md'),
      `---\n'@codecatalyst-runs/types': ${bump}\n'@codecatalyst-runs/client': ${bump}\n'@codecatalyst-runs/mcp': ${bump}\n---\n\nRun ids: lower-case hex only.\n`,
    )
  it('refuses a breaking spec change declared as a patch: the guard says why, nothing is published', async () => {
    // The breaking change: the run id path parameter accepts lower-case hex digits only.
    const specFile = join(repo, 'spec/codecatalyst.openapi.yaml')
    const spec = parse(await readFile(specFile, 'utf8'))
    const id = parameterSchema(spec, 'id')
    expect(id.pattern).toContain('a-fA-F')
    id.pattern = id.pattern.replaceAll('a-fA-F', 'a-f')
    await writeFile(specFile, stringify(spec))
    // The user's loop: regenerate, declare, version, rebuild the API reports, commit. (Versioning
    // before the reports lets the release reuse their build.)
    await sh([...pnpm, 'generate'], repo)
    await writeChangeset('patch')
    await sh([...pnpm, 'version-packages'], repo)
    await sh([...pnpm, 'api-report'], repo)
    await commit('Run ids: lower-case hex only (patch)')
    expect(await version('types')).toBe(applyBump(versions.types, 'patch'))

    const before = await published()
    const failure = await sh([...pnpm, 'release'], repo, registryEnv()).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => error,
    )
    expect(failure, 'pnpm release must refuse').toBeDefined()
    const output = `${failure?.stdout}${failure?.stderr}`
    // The guard refused first, before any build or publish.
    expect(output).toContain('Not OK: a declared bump is smaller than the changes require.')
    expect(output).not.toContain('Tasks:')
    expect(output).toContain('schema-constraint-changed')
    expect(output).toMatch(
      /@codecatalyst-runs\/types\s+\S+\s+major\s+patch\s+✗ needs at least minor/,
    )
    expect(output).toContain('pnpm changeset')
    expect(await published()).toEqual(before)
  })

  it('publishes the same change once a major is declared', async () => {
    // The unpublished patch stays in the history; a major changeset on top takes it to 1.0.0.
    await writeChangeset('major')
    await sh([...pnpm, 'version-packages'], repo)
    await commit('version (major)')
    expect([await version('types'), await version('client'), await version('mcp')]).toEqual([
      '1.0.0',
      '1.0.0',
      '1.0.0',
    ])

    await sh([...pnpm, 'release'], repo, registryEnv())
    const { types, client, mcp } = await published()
    expect(Object.keys(types?.versions ?? {})).toContain('1.0.0')
    expect(client?.versions['1.0.0']?.dependencies).toEqual({ '@codecatalyst-runs/types': '1.0.0' })
    expect(mcp?.versions['1.0.0']?.dependencies).toMatchObject({
      '@codecatalyst-runs/client': '1.0.0',
    })
  })
})
