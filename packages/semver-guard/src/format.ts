import { styleText } from 'node:util'
import { parseVersion } from './bump.ts'
import type { PackageName, Verdict } from './guard.ts'

/** The `--json` output: exactly these keys, one object. */
export function toJson(verdict: Verdict) {
  const entries = Object.entries(verdict.packages) as Array<
    [PackageName, Verdict['packages'][PackageName]]
  >
  return {
    base: verdict.base.ref,
    changes: verdict.changes.map(({ impact, source, path, rule }) => ({
      impact,
      source,
      path,
      rule,
    })),
    required: Object.fromEntries(entries.map(([name, p]) => [name, p.required])),
    declared: Object.fromEntries(entries.map(([name, p]) => [name, p.declared])),
    ok: verdict.ok,
  }
}

function table(rows: string[][]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? []
  return rows.map((row) =>
    `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')}`.trimEnd(),
  )
}

/** A long report line cut to what a person reads at a glance; `--json` has it whole. */
function shorten(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function shortRef(ref: string): string {
  return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 12) : ref
}

function isZeroX(version: string): boolean {
  return parseVersion(version).major === 0
}

/** The report a person reads: the changes, then required against declared, then the fix. */
export function toText(verdict: Verdict, stream: NodeJS.WriteStream = process.stdout): string {
  const style = (format: Parameters<typeof styleText>[0], text: string) =>
    styleText(format, text, { stream })
  const lines = [`semver:check: base ${shortRef(verdict.base.ref)} (${verdict.base.reason})`, '']

  if (verdict.changes.length === 0) {
    lines.push('  No change to the spec or the API reports since the base.', '')
  } else {
    lines.push(
      ...table([
        ['impact', 'source', 'rule', 'change'],
        ...verdict.changes.map((c) => [c.impact, c.source, c.rule, shorten(c.message)]),
      ]),
      '',
    )
  }

  const packages = Object.entries(verdict.packages) as Array<
    [PackageName, Verdict['packages'][PackageName]]
  >
  lines.push(
    ...table([
      ['package', 'base', 'required', 'declared', ''],
      ...packages.map(([name, p]) => {
        let status = p.ok ? style('green', '✓') : style('red', `✗ needs at least ${p.minimum}`)
        if (p.required === 'major' && p.minimum !== 'major')
          status += ` (0.x: a minor carries a breaking change)`
        if (p.declared === 'major' && isZeroX(p.baseVersion))
          status += ` (this release makes it ${parseVersion(p.baseVersion).major + 1}.0.0)`
        return [name, p.baseVersion, p.required, p.declared, status]
      }),
    ]),
  )

  const added = packages.filter(([, p]) => p.new).map(([name]) => name)
  if (added.length > 0)
    lines.push(
      '',
      `  New since the base: ${added.join(' and ')}. Nothing to compare; the first release is what its changesets declare.`,
    )
  // The CLI's report is a usage report (commands, flags, exit codes), not an API report.
  const isCli = (name: string) => name === '@codecatalyst-runs/cli'
  const unreported = packages
    .filter(([name, p]) => !p.reportAtBase && !p.new && !isCli(name))
    .map(([name]) => name)
  if (packages.some(([name, p]) => isCli(name) && !p.reportAtBase && !p.new))
    lines.push(
      '',
      '  The base has no usage report for @codecatalyst-runs/cli: its commands and flags were not compared.',
    )
  if (unreported.length > 0)
    lines.push(
      '',
      `  The base has no API report for ${unreported.join(' and ')}: only the spec was compared.`,
    )

  const failing = packages.filter(([, p]) => !p.ok)
  lines.push('')
  if (failing.length === 0) {
    const nothing = packages.every(([, p]) => p.required === 'none')
    lines.push(
      nothing
        ? 'OK: nothing to release, so no changeset is needed.'
        : 'OK: every declared bump covers what the changes require.',
    )
  } else {
    const choices = failing.map(([name, p]) => `${name}: ${p.minimum}`).join(', ')
    const zeroX = failing.some(([, p]) => p.required === 'major' && p.minimum === 'minor')
    lines.push(
      style('red', 'Not OK: a declared bump is smaller than the changes require.'),
      `Fix: run \`pnpm changeset\` and choose ${choices}.`,
    )
    if (zeroX)
      lines.push(
        'On 0.x a minor is how a breaking change ships (^0.x.y accepts no new minor); a major would release 1.0.0.',
      )
  }
  return `${lines.join('\n')}\n`
}
