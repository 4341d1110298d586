// The change only the API layer sees: a component schema renamed with the same wire shape. The
// spec diff rates it patch; the exported TypeScript type is renamed, so the API report, rebuilt
// the way a user does it (generate, build, api-report), makes it major. The real generator,
// compiler and API Extractor run on a temp copy of the types package.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { apiReport } from '../../../scripts/api-report.ts'
import { checkSemver, diffConfigFile, publishedPackages, specFile } from './guard.ts'
import { componentName, renameComponent, statusSchema } from './test-spec.ts'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../../..', import.meta.url))
const bin = join(root, 'node_modules/.bin')
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` }
let repo: string

async function git(...args: string[]) {
  const identity = ['-c', 'user.name=semver-test', '-c', 'user.email=s@example.test']
  return run('git', [...identity, ...args], { cwd: repo })
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'semver-renamed-'))
  const files = [
    '.gitignore',
    'tsconfig.base.json',
    'openapi-ts.config.ts',
    // The generator's scripts (the config runs generate-version.ts as a post-process step; the
    // operations plugin is the codegen package, found through the linked node_modules).
    ...(await readdir(join(root, 'scripts')))
      .filter((name) => /^generate-.*\.ts$/.test(name))
      .map((name) => `scripts/${name}`),
    'biome.json',
    specFile,
    diffConfigFile,
    '.changeset/config.json',
    ...publishedPackages.flatMap((pkg) => [pkg.manifest, pkg.report]),
    'packages/types/tsconfig.json',
    'packages/types/tsconfig.build.json',
    'packages/types/api-extractor.json',
    'packages/types/src/index.ts',
  ]
  for (const file of files) {
    await mkdir(dirname(join(repo, file)), { recursive: true })
    await cp(join(root, file), join(repo, file))
  }
  // The tools and @types/node resolve from this repo's install.
  await symlink(join(root, 'node_modules'), join(repo, 'node_modules'), 'dir')
  await git('init', '-q', '-b', 'main')
  await git('add', '-A')
  await git('commit', '-qm', 'release')
}, 120_000)

afterAll(async () => {
  if (repo) await rm(repo, { recursive: true, force: true })
})

it('a renamed component schema is patch for the spec, major through the API report', async () => {
  const spec = parse(await readFile(join(repo, specFile), 'utf8'))
  const name = componentName(spec, statusSchema(spec)) as string
  await writeFile(join(repo, specFile), stringify(renameComponent(spec, name, 'RunStatus')))

  // The user's loop: pnpm generate, pnpm build, pnpm api-report (here for the types package).
  await run(process.execPath, [join(root, 'node_modules/@hey-api/openapi-ts/bin/run.js')], {
    cwd: repo,
    env,
  })
  const typesDir = join(repo, 'packages/types')
  await run(process.execPath, [join(bin, '../typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: typesDir,
    env,
  })
  // Before the report is rewritten, the check that `pnpm test` runs fails and shows the diff.
  const stale = await run(process.execPath, [join(root, 'scripts/api-report.ts'), '--check'], {
    cwd: typesDir,
    env,
  }).catch((error: { code: number; stderr: string }) => error)
  expect('code' in stale && stale.code).toBe(1)
  expect(stale.stderr).toContain('review/types.api.md of @codecatalyst-runs/types is stale')
  expect(stale.stderr).toContain(`-export type ${name} =`)
  expect(stale.stderr).toContain('+export type RunStatus =')

  expect((await apiReport(typesDir, { local: true })).changed).toBe(true)

  const verdict = await checkSemver(repo)
  const spec_ = verdict.changes.filter((c) => c.source === 'spec')
  expect(spec_.map((c) => c.impact)).toEqual(['patch'])
  expect(verdict.changes).toContainEqual(
    expect.objectContaining({
      source: 'api',
      impact: 'major',
      rule: 'api-line-removed',
      path: expect.stringContaining(`${name}: export type ${name} =`),
    }),
  )
  expect(verdict.packages['@codecatalyst-runs/types']).toMatchObject({ required: 'major' })
  expect(verdict.packages['@codecatalyst-runs/client']).toMatchObject({ required: 'major' })
  expect(verdict.ok).toBe(false)
}, 180_000)
