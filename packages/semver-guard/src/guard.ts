// The semver guard: the bump each published package needs for the changes since the last
// release, against the bump its changesets (or its version) declare.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { diffApiReports } from './api-report-diff.ts'
import { type Base, findBase } from './base.ts'
import { type Bump, maxBump, minimumBump, satisfies, versionOf } from './bump.ts'
import type { Change } from './change.ts'
import { declaredBump, pendingBumps } from './declared.ts'
import { fileAt, GuardUsageError } from './git.ts'
import { diffSpecs } from './spec-diff.ts'
import { diffUsageReports } from './usage-report-diff.ts'

export const specFile = 'spec/codecatalyst.openapi.yaml'
export const diffConfigFile = 'redocly-diff.yaml'

/**
 * The published packages, in dependency order. The types are the spec's API; the client builds
 * its public types from them (and re-exports some), so it needs at least the types' bump. The MCP
 * server's tools are generated from the spec (a removed operation is a removed tool, an added one
 * a new tool), and its options take the client and the client's options, so it needs the larger
 * of the spec's bump and the client's.
 */
export const publishedPackages = [
  {
    name: '@codecatalyst-runs/types',
    manifest: 'packages/types/package.json',
    report: 'packages/types/review/types.api.md',
    specIsItsApi: true,
    atLeastAs: [],
  },
  {
    name: '@codecatalyst-runs/client',
    manifest: 'packages/client/package.json',
    report: 'packages/client/review/client.api.md',
    specIsItsApi: false,
    atLeastAs: ['@codecatalyst-runs/types'],
  },
  {
    name: '@codecatalyst-runs/mcp',
    manifest: 'packages/mcp/package.json',
    report: 'packages/mcp/review/mcp.api.md',
    specIsItsApi: true,
    atLeastAs: ['@codecatalyst-runs/client'],
  },
  // The CLI's API is its commands, flags, exit codes and JSON output: its report is the usage
  // report written from its flag definitions (a `.usage.md`, read by usage-report-diff.ts).
  {
    name: '@codecatalyst-runs/cli',
    manifest: 'apps/cli/package.json',
    report: 'apps/cli/review/cli.usage.md',
    specIsItsApi: false,
    atLeastAs: [],
  },
] as const
export type PackageName = (typeof publishedPackages)[number]['name']

export interface PackageVerdict {
  readonly baseVersion: string
  readonly version: string
  readonly required: Bump
  /** The smallest bump that satisfies `required` (a minor for a breaking change on 0.x). */
  readonly minimum: Bump
  readonly declared: Bump
  readonly ok: boolean
  /** False when the base has no API report for the package, so only the spec was compared. */
  readonly reportAtBase: boolean
  /** True when the package did not exist at the base: nothing to compare, nothing required. */
  readonly new: boolean
}

export interface Verdict {
  readonly base: Base
  readonly changes: readonly Change[]
  readonly packages: Readonly<Record<PackageName, PackageVerdict>>
  readonly ok: boolean
}

function versionIn(text: string | undefined, where: string): string {
  const version = versionOf(text)
  if (version === undefined) throw new GuardUsageError(`${where} has no version`)
  return version
}

/** Compares the base (default: the last release) with the work tree of the repo at `root`. */
export async function checkSemver(root: string, baseRef?: string): Promise<Verdict> {
  const [types] = publishedPackages
  const base = await findBase(root, baseRef, types.name, types.manifest)

  const baseSpec = await fileAt(root, base.commit, specFile)
  if (baseSpec === undefined) throw new GuardUsageError(`the base ${base.ref} has no ${specFile}`)
  const dir = await mkdtemp(join(tmpdir(), 'semver-base-'))
  let specChanges: Change[]
  try {
    await writeFile(join(dir, 'base.openapi.yaml'), baseSpec)
    specChanges = await diffSpecs(
      join(dir, 'base.openapi.yaml'),
      join(root, specFile),
      join(root, diffConfigFile),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }

  const pending = await pendingBumps(root)
  const changes: Change[] = [...specChanges]
  const packages = {} as Record<PackageName, PackageVerdict>
  for (const pkg of publishedPackages) {
    const baseManifest = await fileAt(root, base.commit, pkg.manifest)
    const version = versionIn(
      await readFile(join(root, pkg.manifest), 'utf8').catch(() => undefined),
      pkg.manifest,
    )
    if (baseManifest === undefined) {
      // Released for the first time: no user has a version to break, whatever changed before.
      const declared = declaredBump(version, version, pending.get(pkg.name) ?? 'none')
      packages[pkg.name] = {
        baseVersion: version,
        version,
        required: 'none',
        minimum: 'none',
        declared,
        ok: true,
        reportAtBase: false,
        new: true,
      }
      continue
    }
    const baseReport = await fileAt(root, base.commit, pkg.report)
    const report = await readFile(join(root, pkg.report), 'utf8').catch(() => {
      throw new GuardUsageError(`${pkg.report} is missing: run \`pnpm api-report\``)
    })
    const diffReports = pkg.report.endsWith('.usage.md') ? diffUsageReports : diffApiReports
    const reportChanges =
      baseReport === undefined ? [] : diffReports(baseReport, report, pkg.report, pkg.name)
    changes.push(...reportChanges)

    const required = maxBump(
      ...reportChanges.map((change) => change.impact),
      ...(pkg.specIsItsApi ? specChanges.map((change) => change.impact) : []),
      ...pkg.atLeastAs.map((name) => packages[name].required),
    )
    const baseVersion = versionIn(baseManifest, `${pkg.manifest} at the base ${base.ref}`)
    const declared = declaredBump(baseVersion, version, pending.get(pkg.name) ?? 'none')
    packages[pkg.name] = {
      baseVersion,
      version,
      required,
      minimum: minimumBump(required, baseVersion),
      declared,
      ok: satisfies(required, declared, baseVersion),
      reportAtBase: baseReport !== undefined,
      new: false,
    }
  }
  return { base, changes, packages, ok: Object.values(packages).every((p) => p.ok) }
}
