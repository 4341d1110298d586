// The version policy of the published packages, in one place: how bumps order, what a version
// change amounts to, and what a required bump asks of a package that is still 0.x.

export const bumps = ['none', 'patch', 'minor', 'major'] as const
export type Bump = (typeof bumps)[number]

export function isBump(value: unknown): value is Bump {
  return typeof value === 'string' && (bumps as readonly string[]).includes(value)
}

export function rank(bump: Bump): number {
  return bumps.indexOf(bump)
}

export function maxBump(...list: Bump[]): Bump {
  return list.reduce<Bump>((a, b) => (rank(b) > rank(a) ? b : a), 'none')
}

interface Version {
  major: number
  minor: number
  patch: number
}

export function parseVersion(version: string): Version {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version)
  if (!match) throw new Error(`Not a semver version: '${version}'`)
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) }
}

/** The `version` of a package.json's text, if it has one. */
export function versionOf(manifest: string | undefined): string | undefined {
  if (manifest === undefined) return undefined
  const { version } = JSON.parse(manifest) as { version?: unknown }
  return typeof version === 'string' ? version : undefined
}

/** The version a bump gives, as `changeset version` computes it: 0.x plus major is 1.0.0. */
export function applyBump(version: string, bump: Bump): string {
  const { major, minor, patch } = parseVersion(version)
  if (bump === 'major') return `${major + 1}.0.0`
  if (bump === 'minor') return `${major}.${minor + 1}.0`
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`
  return version
}

/** The bump that takes `from` to `to`, by the first number that grew; `none` when none did. */
export function bumpBetween(from: string, to: string): Bump {
  const a = parseVersion(from)
  const b = parseVersion(to)
  if (b.major !== a.major) return b.major > a.major ? 'major' : 'none'
  if (b.minor !== a.minor) return b.minor > a.minor ? 'minor' : 'none'
  return b.patch > a.patch ? 'patch' : 'none'
}

/**
 * The smallest bump a package released as `baseVersion` must declare for a change that requires
 * `required`. While a package is 0.x a breaking change needs a minor, not a major: npm's caret
 * on 0.x (`^0.2.0`) accepts 0.2.x only, so 0.2.0 → 0.3.0 already keeps the change from every
 * consumer, whereas changesets would turn a major into 1.0.0, a promise of stability we make on
 * purpose and not as a side effect of a breaking change. From 1.0.0 on, breaking means major.
 */
export function minimumBump(required: Bump, baseVersion: string): Bump {
  if (required === 'major' && parseVersion(baseVersion).major === 0) return 'minor'
  return required
}

export function satisfies(required: Bump, declared: Bump, baseVersion: string): boolean {
  return rank(declared) >= rank(minimumBump(required, baseVersion))
}
