// The CLI's usage report, `review/cli.usage.md`: its commands, flags, exit codes, JSON output,
// environment and GitHub Actions outputs, written from the definitions the CLI parses with
// (`definition.ts`). Committed and reviewed like the packages' API reports; the semver guard
// compares it between releases (`packages/semver-guard/src/usage-report-diff.ts`).
//   node src/usage-report.ts           rewrite the report
//   node src/usage-report.ts --check   exit 1 when the committed report differs
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import {
  commands,
  environment,
  exitCodeDefinitions,
  githubOutputs,
  jsonOutputs,
  type OptionDefinition,
  optionDefinitions,
} from './definition.ts'

const cell = (text: string) => text.replaceAll('|', '\\|')
const code = (text: string) => `\`${text}\``
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`
const table = (header: readonly string[], rows: readonly (readonly string[])[]) => [
  row(header),
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map(row),
]

/** The report's text. Each table's first column is its key; the guard reads them by key. */
export function usageReport(): string {
  const options = Object.entries(optionDefinitions) as Array<[string, OptionDefinition]>
  return [
    '# @codecatalyst-runs/cli: usage report',
    '',
    '<!-- Written by `node src/usage-report.ts` from src/definition.ts. Do not edit by hand. -->',
    '',
    "The CLI's API: what a script or a CI pipeline relies on. The semver guard rates a removed",
    'command, flag, exit code, JSON output, variable or output, a changed exit code, value or',
    'default, and a flag no longer taken by a command as major; an addition as minor; a changed',
    'description as patch.',
    '',
    '## Commands',
    '',
    ...table(
      ['command', 'arguments', 'summary'],
      commands.map((command) => [
        code(command.name),
        command.positionals.join(' ') || '—',
        command.summary,
      ]),
    ),
    '',
    '## Flags',
    '',
    ...table(
      ['flag', 'value', 'short', 'repeatable', 'default', 'commands', 'description'],
      options.map(([name, option]) => [
        code(`--${name}`),
        option.type === 'boolean' ? '—' : (option.value ?? 'value'),
        option.short ? code(`-${option.short}`) : '—',
        option.multiple ? 'yes' : 'no',
        option.fallback ?? '—',
        option.commands.join(', '),
        option.description,
      ]),
    ),
    '',
    '## Exit codes',
    '',
    ...table(
      ['outcome', 'code', 'meaning'],
      exitCodeDefinitions.map((exit) => [exit.outcome, String(exit.code), exit.meaning]),
    ),
    '',
    '## JSON output (`--json`)',
    '',
    ...table(
      ['command', 'each line'],
      commands.map((command) => [code(command.name), jsonOutputs[command.name]]),
    ),
    '',
    '## Environment',
    '',
    ...table(
      ['variable', 'use'],
      Object.entries(environment).map(([name, use]) => [code(name), use]),
    ),
    '',
    '## GitHub Actions outputs',
    '',
    ...table(
      ['output', 'value'],
      Object.entries(githubOutputs).map(([name, value]) => [code(name), value]),
    ),
    '',
  ].join('\n')
}

const reportFile = fileURLToPath(new URL('../review/cli.usage.md', import.meta.url))

async function main(check: boolean): Promise<number> {
  const report = usageReport()
  if (!check) {
    await writeFile(reportFile, report)
    console.log(`Wrote ${reportFile}`)
    return 0
  }
  const committed = await readFile(reportFile, 'utf8').catch(() => undefined)
  if (committed === report) {
    console.log('The usage report is up to date.')
    return 0
  }
  console.error(
    `${reportFile} ${committed === undefined ? 'is missing' : "differs from the CLI's definitions"}: run \`pnpm api-report\` and review the diff.`,
  )
  return 1
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.includes('--check'))
}
