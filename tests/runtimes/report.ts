// The runtime matrix as a Markdown table: one row per runtime, one column per check.
import type { CheckResult } from './program/checks.ts'

export interface RuntimeRow {
  readonly runtime: string
  /** The version the runtime itself reported, or the one asked for when it never answered. */
  readonly version: string
  readonly results: readonly CheckResult[]
  /** Wall time of the whole process (browser: launch to report), start-up included. */
  readonly ms: number
  /** Why the runtime could not run the checks at all, or failed outside them. */
  readonly error?: string
}

export function runtimesTable(rows: readonly RuntimeRow[], checkNames: readonly string[]): string {
  const header = ['Runtime', 'Version', ...checkNames, 'Time']
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index >= 2 ? ':---:' : '---')).join('|')}|`,
  ]
  for (const row of rows) {
    const cells = checkNames.map((name) => {
      const result = row.results.find((candidate) => candidate.name === name)
      if (!result) return 'not run'
      return `${result.ok ? 'pass' : '**FAIL**'} ${Math.round(result.ms)} ms`
    })
    lines.push(
      `| ${[row.runtime, row.version, ...cells, `${Math.round(row.ms)} ms`].join(' | ')} |`,
    )
  }
  return lines.join('\n')
}

/** Every failure in full, below the table. */
export function runtimeFailures(rows: readonly RuntimeRow[]): string[] {
  return rows.flatMap((row) => [
    ...(row.error ? [`${row.runtime}: ${row.error}`] : []),
    ...row.results
      .filter((result) => !result.ok)
      .map((result) => `${row.runtime}, ${result.name}: ${result.error}`),
  ])
}
