// Reads two versions of the CLI's usage report (`apps/cli/review/cli.usage.md`, written from the
// CLI's own flag definitions) as a diff of its API: its commands, flags, exit codes, JSON output,
// environment and GitHub Actions outputs. Each `## ` section is a Markdown table whose first
// column is the key. A removed row is major (a removed command or flag, an exit code no longer
// given), an added row minor; a changed contract cell major (an exit code's number, a flag's
// value or default), a list cell that lost an item major (a flag no longer taken by a command)
// and one that only gained items minor; a changed description patch.
import type { Change } from './change.ts'

interface SectionRule {
  /** The rule names' stem: `cli-flag-removed`, `cli-exit-code-changed`, … */
  readonly stem: string
  /** Columns whose change breaks a script. */
  readonly contract: readonly string[]
  /** Columns that list items: losing one breaks a script, gaining one does not. */
  readonly lists: readonly string[]
}

/** The sections the guard knows; another section is read with every column but the last as contract. */
const sectionRules: Record<string, SectionRule> = {
  Commands: { stem: 'cli-command', contract: [], lists: ['arguments'] },
  Flags: {
    stem: 'cli-flag',
    contract: ['value', 'short', 'repeatable', 'default'],
    lists: ['commands'],
  },
  'Exit codes': { stem: 'cli-exit-code', contract: ['code'], lists: [] },
  'JSON output (`--json`)': { stem: 'cli-json-output', contract: ['each line'], lists: [] },
  Environment: { stem: 'cli-environment', contract: [], lists: [] },
  'GitHub Actions outputs': { stem: 'cli-github-output', contract: [], lists: [] },
}

type Row = Readonly<Record<string, string>>
type Section = { readonly columns: readonly string[]; readonly rows: ReadonlyMap<string, Row> }

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
}

/** The report's sections, each a table keyed by its first column. */
export function usageSections(report: string): Map<string, Section> {
  const sections = new Map<string, Section>()
  let title: string | undefined
  let columns: string[] | undefined
  let rows = new Map<string, Row>()
  const close = () => {
    if (title !== undefined && columns !== undefined) sections.set(title, { columns, rows })
    columns = undefined
    rows = new Map()
  }
  for (const line of report.split('\n')) {
    if (line.startsWith('## ')) {
      close()
      title = line.slice(3).trim()
    } else if (line.startsWith('|') && title !== undefined) {
      const row = cells(line)
      if (columns === undefined) columns = row
      else if (!row.every((cell) => /^-+$/.test(cell))) {
        rows.set(
          row[0] ?? '',
          Object.fromEntries(columns.map((column, index) => [column, row[index] ?? ''])),
        )
      }
    }
  }
  close()
  return sections
}

const items = (cell: string | undefined) =>
  new Set((cell ?? '').split(/,\s*|\s+/).filter((item) => item !== '' && item !== '—'))

/** The changes between two versions of the usage report `file` of `packageName`, each rated. */
export function diffUsageReports(
  before: string,
  after: string,
  file: string,
  packageName: string,
): Change[] {
  const changes: Change[] = []
  const add = (impact: Change['impact'], rule: string, where: string, message: string) =>
    changes.push({ impact, source: 'usage', path: `${file}: ${where}`, rule, message, packageName })
  const was = usageSections(before)
  const now = usageSections(after)
  for (const title of new Set([...was.keys(), ...now.keys()])) {
    const old = was.get(title)
    const current = now.get(title)
    const columns = current?.columns ?? old?.columns ?? []
    const rule = sectionRules[title] ?? {
      stem: 'cli-usage',
      contract: columns.slice(1, -1),
      lists: [],
    }
    const rows = new Set([...(old?.rows.keys() ?? []), ...(current?.rows.keys() ?? [])])
    for (const key of rows) {
      const a = old?.rows.get(key)
      const b = current?.rows.get(key)
      const where = `${title}: ${key}`
      if (b === undefined) {
        add('major', `${rule.stem}-removed`, where, `${title}: ${key} was removed.`)
        continue
      }
      if (a === undefined) {
        add('minor', `${rule.stem}-added`, where, `${title}: ${key} was added.`)
        continue
      }
      for (const column of columns.slice(1)) {
        const from = a[column] ?? ''
        const to = b[column] ?? ''
        if (from === to) continue
        const what = `${title}: ${key}, ${column}: ${from || '(none)'} → ${to || '(none)'}`
        if (rule.lists.includes(column)) {
          const lost = [...items(from)].filter((item) => !items(to).has(item))
          if (lost.length > 0) add('major', `${rule.stem}-${column}-removed`, where, `${what}.`)
          else add('minor', `${rule.stem}-${column}-added`, where, `${what}.`)
        } else if (column === 'repeatable' && from === 'no' && to === 'yes') {
          add('minor', `${rule.stem}-repeatable`, where, `${what}.`)
        } else if (rule.contract.includes(column)) {
          add('major', `${rule.stem}-changed`, where, `${what}.`)
        } else {
          add(
            'patch',
            `${rule.stem}-description-changed`,
            where,
            `${title}: ${key}, ${column} reworded.`,
          )
        }
      }
    }
  }
  return changes
}
