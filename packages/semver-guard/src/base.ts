import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseVersion, versionOf } from './bump.ts'
import { fileAt, GuardUsageError, git, resolveCommit } from './git.ts'

export interface Base {
  /** What the user or the default named: a tag, a ref or a commit. */
  readonly ref: string
  readonly commit: string
  /** Why this base, in a few words. */
  readonly reason: string
}

function compareVersions(a: string, b: string): number {
  const x = parseVersion(a)
  const y = parseVersion(b)
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch
}

/**
 * The last release of `packageName` (whose package.json is `manifestPath`):
 * - the newest tag `<name>@<version>` reachable from HEAD, as `changeset publish` creates them;
 * - with no such tag nothing is known to be published, and the base is the commit that last
 *   changed the version, not counting a change to the version the work tree has when another
 *   came before it: after `pnpm version-packages` that bump is the release being prepared, and
 *   comparing with it would compare the release with itself.
 */
export async function defaultBase(
  root: string,
  packageName: string,
  manifestPath: string,
): Promise<Base> {
  const tags = (await git(root, ['tag', '--list', `${packageName}@*`, '--merged', 'HEAD']))
    .split('\n')
    .map((tag) => tag.trim())
    .filter((tag) => /^\d+\.\d+\.\d+$/.test(tag.slice(packageName.length + 1)))
    .sort((a, b) =>
      compareVersions(a.slice(packageName.length + 1), b.slice(packageName.length + 1)),
    )
  const newestTag = tags.at(-1)
  if (newestTag) {
    return {
      ref: newestTag,
      commit: await resolveCommit(root, `refs/tags/${newestTag}`),
      reason: `the last release tag of ${packageName}`,
    }
  }

  // A shallow clone's history stops short: the commit that set the version may be missing, and
  // the guard would then compare the work tree with itself and always pass.
  if ((await git(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true') {
    throw new GuardUsageError(
      'this is a shallow clone: its history may not reach the last release. Fetch it (git fetch --unshallow --tags) or pass --base <ref>',
    )
  }
  const history = (await git(root, ['log', '--format=%H', '--', manifestPath]))
    .split('\n')
    .filter(Boolean)
    .reverse()
  // The commits that set a version, oldest first, each with the version it set.
  const settings: Array<{ commit: string; version: string }> = []
  for (const commit of history) {
    const version = versionOf(await fileAt(root, commit, manifestPath))
    if (version !== undefined && version !== settings.at(-1)?.version)
      settings.push({ commit, version })
  }
  if (settings.length === 0)
    throw new GuardUsageError(`no commit has a version in ${manifestPath}: pass --base <ref>`)

  const workTreeVersion = versionOf(await readFile(join(root, manifestPath), 'utf8'))
  const released = settings.findLast(({ version }) => version !== workTreeVersion)
  const chosen = released ?? (settings.at(-1) as { commit: string; version: string })
  return {
    ref: chosen.commit,
    commit: chosen.commit,
    reason: `no release tag of ${packageName} yet: the commit that set its version ${chosen.version}`,
  }
}

/** The base the user named, or the default one. */
export async function findBase(
  root: string,
  ref: string | undefined,
  packageName: string,
  manifestPath: string,
): Promise<Base> {
  if (ref === undefined) return defaultBase(root, packageName, manifestPath)
  return { ref, commit: await resolveCommit(root, ref), reason: 'given with --base' }
}
