// The guard end to end, on small git repositories made for each test from this repo's spec,
// manifests and API reports: exit codes, the JSON, the default base and the 0.x policy.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { checkSemver, diffConfigFile, publishedPackages, specFile } from './guard.ts'
import { runSchema, type SpecNode } from './test-spec.ts'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../../..', import.meta.url))
const entry = fileURLToPath(new URL('./cli.ts', import.meta.url))
const types = '@codecatalyst-runs/types'
const client = '@codecatalyst-runs/client'
const mcp = '@codecatalyst-runs/mcp'
const cliPackage = '@codecatalyst-runs/cli'

const folders: string[] = []
afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })))
})

async function git(repo: string, ...args: string[]): Promise<string> {
  const identity = ['-c', 'user.name=semver-test', '-c', 'user.email=s@example.test']
  return (await run('git', [...identity, ...args], { cwd: repo })).stdout.trim()
}

/** A repo with what the guard reads, copied from this one, in one commit. */
async function fixtureRepo(): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'semver-guard-'))
  folders.push(repo)
  const files = [
    specFile,
    diffConfigFile,
    '.changeset/config.json',
    ...publishedPackages.flatMap((pkg) => [pkg.manifest, pkg.report]),
  ]
  for (const file of files) {
    await mkdir(dirname(join(repo, file)), { recursive: true })
    await cp(join(root, file), join(repo, file))
  }
  await git(repo, 'init', '-q', '-b', 'main')
  await commit(repo, 'initial')
  return repo
}

async function commit(repo: string, message: string): Promise<string> {
  await git(repo, 'add', '-A')
  await git(repo, 'commit', '-qm', message)
  return git(repo, 'rev-parse', 'HEAD')
}

async function editSpec(repo: string, edit: (spec: SpecNode) => void) {
  const spec = parse(await readFile(join(repo, specFile), 'utf8'))
  edit(spec)
  await writeFile(join(repo, specFile), stringify(spec))
}

/** Removes endTime from the run GetWorkflowRun returns: a breaking change. */
async function removeEndTime(repo: string) {
  await editSpec(repo, (spec) => {
    expect(runSchema(spec).properties.endTime).toBeDefined()
    delete runSchema(spec).properties.endTime
  })
}

async function changeset(repo: string, name: string, bumps: Record<string, string>) {
  const front = Object.entries(bumps).map(([pkg, bump]) => `'${pkg}': ${bump}`)
  await writeFile(
    join(repo, `.changeset/${name}.md`),
    `---\n${front.join('\n')}\n---\n\nA change.\n`,
  )
}

async function setVersions(repo: string, version: string) {
  for (const { manifest } of publishedPackages) {
    const json = JSON.parse(await readFile(join(repo, manifest), 'utf8'))
    await writeFile(join(repo, manifest), `${JSON.stringify({ ...json, version }, null, 2)}\n`)
  }
}

async function cli(repo: string, ...args: string[]) {
  return run(process.execPath, [entry, ...args], { cwd: repo }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )
}

describe('pnpm semver:check', () => {
  it('passes an unchanged tree and prints exactly the JSON the issue fixes', async () => {
    const repo = await fixtureRepo()
    const first = await git(repo, 'rev-parse', 'HEAD')
    const { code, stdout } = await cli(repo, '--json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      base: first,
      changes: [],
      required: { [types]: 'none', [client]: 'none', [mcp]: 'none', [cliPackage]: 'none' },
      declared: { [types]: 'none', [client]: 'none', [mcp]: 'none', [cliPackage]: 'none' },
      ok: true,
    })
  })

  it('refuses a breaking change in the work tree with no changeset: exit 1, what and how to fix', async () => {
    const repo = await fixtureRepo()
    await removeEndTime(repo) // not committed: the work tree is what counts

    const json = await cli(repo, '--json')
    expect(json.code).toBe(1)
    const verdict = JSON.parse(json.stdout)
    expect(verdict.changes).toContainEqual({
      impact: 'major',
      source: 'spec',
      path: expect.stringContaining('/properties/endTime'),
      rule: 'property-removed',
    })
    expect(verdict).toMatchObject({
      required: { [types]: 'major', [client]: 'major', [mcp]: 'major' },
      declared: { [types]: 'none', [client]: 'none', [mcp]: 'none' },
      ok: false,
    })

    const text = await cli(repo)
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(/Property `endTime` of `\w+` was removed\./)
    expect(text.stdout).toMatch(
      /@codecatalyst-runs\/types\s+0\.1\.0\s+major\s+none\s+✗ needs at least minor/,
    )
    expect(text.stdout).toContain('pnpm changeset')
  })

  it('exits 2 on a base that does not exist or a bad option, and says why', async () => {
    const repo = await fixtureRepo()
    const missing = await cli(repo, '--base', 'no-such-ref')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("base 'no-such-ref' is not a commit in this repository")
    const option = await cli(repo, '--bogus')
    expect(option.code).toBe(2)
    expect(option.stderr).toContain('usage: pnpm semver:check')
    const outside = await run(process.execPath, [entry], { cwd: tmpdir() }).catch((e) => e)
    expect(outside.code).toBe(2)
    expect(outside.stderr).toContain('not inside a git work tree')
  })
})

describe('the 0.x policy', () => {
  it('on 0.x a breaking change is satisfied by a minor, and the output says why', async () => {
    const repo = await fixtureRepo()
    await removeEndTime(repo)
    await changeset(repo, 'minor', { [types]: 'minor', [client]: 'minor', [mcp]: 'minor' })
    const verdict = await checkSemver(repo)
    expect(verdict.ok).toBe(true)
    expect(verdict.packages[types]).toMatchObject({
      required: 'major',
      minimum: 'minor',
      declared: 'minor',
    })

    const text = await cli(repo)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('0.x: a minor carries a breaking change')
  })

  it('from 1.0.0 on a breaking change needs a major', async () => {
    const repo = await fixtureRepo()
    await setVersions(repo, '1.0.0')
    await commit(repo, 'release 1.0.0')
    await git(repo, 'tag', `${types}@1.0.0`)
    await removeEndTime(repo)
    await changeset(repo, 'minor', { [types]: 'minor', [client]: 'minor', [mcp]: 'minor' })
    const minor = await checkSemver(repo)
    expect(minor.ok).toBe(false)
    expect(minor.packages[types]).toMatchObject({
      required: 'major',
      minimum: 'major',
      declared: 'minor',
    })

    await changeset(repo, 'minor', { [types]: 'major', [client]: 'major', [mcp]: 'major' })
    expect((await checkSemver(repo)).ok).toBe(true)
  })

  it('the client needs at least the bump of the types it is built from', async () => {
    const repo = await fixtureRepo()
    await editSpec(repo, (spec) => {
      runSchema(spec).properties.displayName = {
        type: 'string',
        description: 'A display name.',
      }
    })
    await changeset(repo, 'types-only', { [types]: 'minor' })
    const verdict = await checkSemver(repo)
    expect(verdict.packages[types]).toMatchObject({
      required: 'minor',
      declared: 'minor',
      ok: true,
    })
    expect(verdict.packages[client]).toMatchObject({
      required: 'minor',
      declared: 'none',
      ok: false,
    })
  })
})

describe('the base', () => {
  it('is the newest release tag of the types package', async () => {
    const repo = await fixtureRepo()
    await git(repo, 'tag', `${types}@0.1.0`)
    await editSpec(repo, (spec) => {
      spec.info.description = 'Another description.'
    })
    await commit(repo, 'docs')
    const verdict = await checkSemver(repo)
    expect(verdict.base.ref).toBe(`${types}@0.1.0`)
    expect(verdict.changes.map((c) => c.impact)).toEqual(['patch'])
  })

  it('with no tag, skips the unreleased bump that pnpm version-packages made', async () => {
    const repo = await fixtureRepo()
    const released = await git(repo, 'rev-parse', 'HEAD')
    await removeEndTime(repo)
    await commit(repo, 'break')
    await setVersions(repo, '0.2.0')
    const versionCommit = await commit(repo, 'version packages')

    const verdict = await checkSemver(repo)
    expect(verdict.base.commit).toBe(released)
    expect(verdict.packages[types]).toMatchObject({
      required: 'major',
      declared: 'minor',
      ok: true,
    })

    // Any commit works as --base: from the version commit on nothing changed.
    const since = await checkSemver(repo, versionCommit)
    expect(since.changes).toEqual([])
    expect(since.packages[types]).toMatchObject({ required: 'none', declared: 'none', ok: true })
    const short = await checkSemver(repo, 'HEAD~1')
    expect(short.packages[types]).toMatchObject({ required: 'none', declared: 'minor' })
  })

  it('in a shallow clone without a release tag, refuses to guess it (exit 2) unless given --base', async () => {
    const repo = await fixtureRepo()
    await removeEndTime(repo)
    await commit(repo, 'break')
    const shallow = join(await mkdtemp(join(tmpdir(), 'semver-shallow-')), 'clone')
    folders.push(dirname(shallow))
    await run('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow])
    const refused = await cli(shallow)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/shallow clone.*--base <ref>/)
    expect((await checkSemver(shallow, 'HEAD')).changes).toEqual([])
  })
})

describe('a package new since the base', () => {
  it('requires nothing of its first release and says so; from then on it is guarded', async () => {
    const repo = await fixtureRepo()
    const [, , mcpPackage] = publishedPackages
    await git(repo, 'rm', '-q', '--cached', mcpPackage.manifest, mcpPackage.report)
    await git(repo, 'commit', '-qm', 'before the MCP server')
    const before = await git(repo, 'rev-parse', 'HEAD')
    await removeEndTime(repo)
    await changeset(repo, 'first', { [types]: 'minor', [client]: 'minor', [mcp]: 'minor' })
    const verdict = await checkSemver(repo, before)
    expect(verdict.packages[mcp]).toMatchObject({
      new: true,
      required: 'none',
      declared: 'minor',
      ok: true,
    })
    expect(verdict.packages[types]).toMatchObject({ required: 'major', ok: true })
    expect((await cli(repo, '--base', before)).stdout).toContain(`New since the base: ${mcp}.`)
    // Once it exists at the base, a breaking spec change needs its bump too.
    await commit(repo, 'the MCP server')
    await editSpec(repo, (spec) => {
      delete runSchema(spec).properties.statusReasons
    })
    const after = await checkSemver(repo, 'HEAD')
    expect(after.packages[mcp]).toMatchObject({ new: false, required: 'major' })
  })
})

describe('the API layer', () => {
  it('a line removed from a committed report requires major, also without a spec change', async () => {
    const repo = await fixtureRepo()
    const report = join(repo, publishedPackages[1].report)
    const text = await readFile(report, 'utf8')
    expect(text).toContain('    timeoutMs?: number;\n')
    await writeFile(report, text.replace('    timeoutMs?: number;\n', ''))
    const verdict = await checkSemver(repo)
    expect(verdict.changes).toContainEqual(
      expect.objectContaining({ source: 'api', impact: 'major', rule: 'api-line-removed' }),
    )
    expect(verdict.packages[types].required).toBe('none')
    expect(verdict.packages[client].required).toBe('major')
  })

  it('a base without reports compares the spec only, and says so', async () => {
    const repo = await fixtureRepo()
    for (const { report } of publishedPackages) await git(repo, 'rm', '-q', '--cached', report)
    await git(repo, 'commit', '-qm', 'no reports yet')
    const before = await git(repo, 'rev-parse', 'HEAD')
    await commit(repo, 'reports')
    const verdict = await checkSemver(repo, before)
    expect(verdict.packages[types].reportAtBase).toBe(false)
    expect((await cli(repo, '--base', before)).stdout).toContain(
      `The base has no API report for ${types} and ${client} and ${mcp}: only the spec was compared.`,
    )
  })
})

describe("the CLI's usage report", () => {
  const usageReport = 'apps/cli/review/cli.usage.md'
  /** Removes the `--latest` flag from the CLI's usage report: a breaking change of the CLI. */
  async function removeLatestFlag(repo: string) {
    const text = await readFile(join(repo, usageReport), 'utf8')
    const row = text.split('\n').find((line) => line.startsWith('| `--latest` |'))
    expect(row).toBeDefined()
    await writeFile(join(repo, usageReport), text.replace(`${row}\n`, ''))
  }

  it('a removed flag requires major of the CLI only; on 0.x a minor satisfies it', async () => {
    const repo = await fixtureRepo()
    await removeLatestFlag(repo)
    const verdict = await checkSemver(repo)
    expect(verdict.changes).toEqual([
      expect.objectContaining({ source: 'usage', impact: 'major', rule: 'cli-flag-removed' }),
    ])
    expect(verdict.packages[cliPackage]).toMatchObject({ required: 'major', minimum: 'minor' })
    expect(verdict.packages[types].required).toBe('none')
    expect(verdict.packages[client].required).toBe('none')
    expect(verdict.ok).toBe(false)
    const text = await cli(repo)
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(
      /@codecatalyst-runs\/cli\s+0\.1\.0\s+major\s+none\s+✗ needs at least minor/,
    )

    await changeset(repo, 'cli-minor', { [cliPackage]: 'minor' })
    expect((await checkSemver(repo)).ok).toBe(true)
  })

  it('from 1.0.0 on, a changed exit code needs a major; an added flag a minor', async () => {
    const repo = await fixtureRepo()
    await setVersions(repo, '1.0.0')
    await commit(repo, 'release 1.0.0')
    await git(repo, 'tag', `${types}@1.0.0`)
    const text = await readFile(join(repo, usageReport), 'utf8')
    await writeFile(
      join(repo, usageReport),
      text.replace('| run-not-succeeded | 1 |', '| run-not-succeeded | 5 |'),
    )
    await changeset(repo, 'cli-minor', { [cliPackage]: 'minor' })
    expect((await checkSemver(repo)).packages[cliPackage]).toMatchObject({
      required: 'major',
      minimum: 'major',
      ok: false,
    })
    await changeset(repo, 'cli-minor', { [cliPackage]: 'major' })
    expect((await checkSemver(repo)).ok).toBe(true)

    await writeFile(
      join(repo, usageReport),
      text.replace(
        /(\| `--wait` \|[^\n]*\n)/,
        '$1| `--quiet` | — | — | no | — | watch | Print the final run only. |\n',
      ),
    )
    await changeset(repo, 'cli-minor', { [cliPackage]: 'patch' })
    expect((await checkSemver(repo)).packages[cliPackage]).toMatchObject({
      required: 'minor',
      ok: false,
    })
    await changeset(repo, 'cli-minor', { [cliPackage]: 'minor' })
    expect((await checkSemver(repo)).ok).toBe(true)
  })
})
