import { readChangesets } from '@changesets/read'
import { applyBump, type Bump, bumpBetween, isBump, maxBump } from './bump.ts'

/** The bump each package's pending changesets (`.changeset/*.md`) declare; none when none do. */
export async function pendingBumps(root: string): Promise<Map<string, Bump>> {
  const pending = new Map<string, Bump>()
  for (const changeset of await readChangesets(root)) {
    for (const release of changeset.releases) {
      if (!isBump(release.type)) continue
      pending.set(release.name, maxBump(pending.get(release.name) ?? 'none', release.type))
    }
  }
  return pending
}

/**
 * The bump a package declares relative to its release at the base: from the base's version to
 * the version the next `changeset version` gives it. Before `pnpm version-packages` that is what
 * the changesets say; after it, what the version bump did (the changesets are consumed by then).
 */
export function declaredBump(baseVersion: string, workTreeVersion: string, pending: Bump): Bump {
  return bumpBetween(baseVersion, applyBump(workTreeVersion, pending))
}
