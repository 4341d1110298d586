// The CLI's usage report as the guard reads it: a mutation table of the committed report
// (apps/cli/review/cli.usage.md), one row per rule, each with the bump it must require.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diffUsageReports, usageSections } from './usage-report-diff.ts'

const file = 'apps/cli/review/cli.usage.md'
const report = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')
const cli = '@codecatalyst-runs/cli'

/** The report with the row whose first cell is `key` (after the heading `section`) edited. */
function editRow(key: string, edit: (line: string) => string | undefined, section = ''): string {
  const lines = report.split('\n')
  const from = section ? lines.indexOf(`## ${section}`) : 0
  const index = lines.findIndex((line, at) => at >= from && line.startsWith(`| ${key} |`))
  expect(index, `the report has a row ${key}`).toBeGreaterThan(-1)
  const edited = edit(lines[index] as string)
  if (edited === undefined) lines.splice(index, 1)
  else lines[index] = edited
  return lines.join('\n')
}

function replaceIn(key: string, search: string, replacement: string, section = ''): string {
  return editRow(
    key,
    (line) => {
      expect(line).toContain(search)
      return line.replace(search, replacement)
    },
    section,
  )
}

function addAfter(key: string, row: string): string {
  return editRow(key, (line) => `${line}\n${row}`)
}

const diff = (after: string) =>
  diffUsageReports(report, after, file, cli).map(({ impact, rule }) => ({ impact, rule }))

describe('diffUsageReports', () => {
  it('reads every section of the committed report, keyed by its first column', () => {
    const sections = usageSections(report)
    expect([...sections.keys()]).toEqual([
      'Commands',
      'Flags',
      'Exit codes',
      'JSON output (`--json`)',
      'Environment',
      'GitHub Actions outputs',
    ])
    expect(sections.get('Flags')?.rows.get('`--id`')).toMatchObject({
      repeatable: 'yes',
      commands: 'get, watch',
    })
    expect(sections.get('Exit codes')?.rows.get('run-not-succeeded')?.code).toBe('1')
    expect(diffUsageReports(report, report, file, cli)).toEqual([])
  })

  // One row per line of the policy: the change, the report after it, the bump it requires.
  const mutations: Array<[string, () => string, 'major' | 'minor' | 'patch', string]> = [
    ['a command removed', () => editRow('`get`', () => undefined), 'major', 'cli-command-removed'],
    [
      'a command added',
      () => addAfter('`watch`', '| `stop` | — | Stop a run. |'),
      'minor',
      'cli-command-added',
    ],
    [
      "a command's positional arguments removed",
      () => replaceIn('`watch`', '| ID… |', '| — |'),
      'major',
      'cli-command-arguments-removed',
    ],
    ['a flag removed', () => editRow('`--latest`', () => undefined), 'major', 'cli-flag-removed'],
    [
      'a flag added',
      () =>
        addAfter('`--wait`', '| `--quiet` | — | — | no | — | watch | Print the final run only. |'),
      'minor',
      'cli-flag-added',
    ],
    [
      'a flag no longer taken by a command',
      () => replaceIn('`--branch`', 'list, start, watch', 'list, start'),
      'major',
      'cli-flag-commands-removed',
    ],
    [
      'a flag taken by one more command',
      () => replaceIn('`--limit`', '| list |', '| list, watch |'),
      'minor',
      'cli-flag-commands-added',
    ],
    [
      'a flag that took a value becomes a switch',
      () => replaceIn('`--limit`', '| N |', '| — |'),
      'major',
      'cli-flag-changed',
    ],
    [
      "a flag's default changed",
      () => replaceIn('`--interval`', '| 5s |', '| 10s |'),
      'major',
      'cli-flag-changed',
    ],
    [
      'a short alias removed',
      () => replaceIn('`--help`', '| `-h` |', '| — |'),
      'major',
      'cli-flag-changed',
    ],
    [
      'a flag becomes repeatable',
      () => replaceIn('`--branch`', '| no |', '| yes |'),
      'minor',
      'cli-flag-repeatable',
    ],
    [
      "a flag's description reworded",
      () => replaceIn('`--space`', 'The name of the space.', 'The space.'),
      'patch',
      'cli-flag-description-changed',
    ],
    [
      'an exit code changed',
      () => replaceIn('run-not-succeeded', '| 1 |', '| 5 |'),
      'major',
      'cli-exit-code-changed',
    ],
    [
      'an exit code removed',
      () => editRow('terminated', () => undefined),
      'major',
      'cli-exit-code-removed',
    ],
    [
      'an exit code added',
      () => addAfter('network-or-timeout', '| throttled | 5 | throttled until the timeout |'),
      'minor',
      'cli-exit-code-added',
    ],
    [
      "an exit code's meaning reworded",
      () => replaceIn('interrupted', 'interrupted (Ctrl-C)', 'stopped by Ctrl-C (SIGINT)'),
      'patch',
      'cli-exit-code-description-changed',
    ],
    [
      "a command's JSON output changed",
      () =>
        replaceIn(
          '`get`',
          '| the WorkflowRun |',
          '| the WorkflowRunSummary |',
          'JSON output (`--json`)',
        ),
      'major',
      'cli-json-output-changed',
    ],
    [
      'an environment variable no longer read',
      () => editRow('`CODECATALYST_SPACE`', () => undefined),
      'major',
      'cli-environment-removed',
    ],
    [
      'a GitHub Actions output removed',
      () => editRow('`status`', () => undefined),
      'major',
      'cli-github-output-removed',
    ],
  ]

  it.each(mutations)('%s', (_name, mutate, impact, rule) => {
    expect(diff(mutate())).toEqual([{ impact, rule }])
  })

  it('names the row in the path and the message', () => {
    const [change] = diffUsageReports(
      report,
      editRow('`--latest`', () => undefined),
      file,
      cli,
    )
    expect(change).toMatchObject({
      source: 'usage',
      path: `${file}: Flags: \`--latest\``,
      message: 'Flags: `--latest` was removed.',
      packageName: cli,
    })
  })
})
