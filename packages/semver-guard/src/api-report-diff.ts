// Reads two versions of an API Extractor report (`*.api.md`) as a diff of a package's public
// TypeScript API: a removed or changed line requires major, added lines only require minor.
// One refinement: a line whose only change is new string literals in a union is minor, because
// the spec's enums are open (a new status is minor; see the README's policy), and a request enum
// that accepts more values breaks no caller.
import type { Change } from './change.ts'

interface ReportLine {
  readonly text: string
  /** The top-level declaration the line belongs to. */
  readonly declaration: string
}

const declarationStart =
  /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:type|interface|class|function|const|let|var|enum|namespace)\s+([A-Za-z_$][\w$]*)/

/**
 * The code lines of a report: the ```ts block without blank lines and `//` comments, which hold
 * release tags, `(undocumented)` markers and warnings: documentation, not API.
 */
export function reportLines(report: string): ReportLine[] {
  const lines: ReportLine[] = []
  let inCode = false
  let declaration = ''
  for (const raw of report.split('\n')) {
    const text = raw.trimEnd()
    if (text.startsWith('```')) {
      inCode = !inCode
      continue
    }
    if (!inCode || text.trim() === '' || text.trimStart().startsWith('//')) continue
    const start = declarationStart.exec(text)
    if (start) declaration = start[1] as string
    lines.push({ text, declaration })
  }
  return lines
}

type Edit = { op: 'same' | 'removed' | 'added'; line: ReportLine }

/** A longest-common-subsequence line diff. */
function diffLines(a: readonly ReportLine[], b: readonly ReportLine[]): Edit[] {
  const width = b.length + 1
  const lcs = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i]?.text === b[j]?.text
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number)
    }
  }
  const edits: Edit[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i]?.text === b[j]?.text) {
      edits.push({ op: 'same', line: a[i++] as ReportLine })
      j++
    } else if (
      j < b.length &&
      (i === a.length || (lcs[i * width + j + 1] as number) >= (lcs[(i + 1) * width + j] as number))
    ) {
      edits.push({ op: 'added', line: b[j++] as ReportLine })
    } else {
      edits.push({ op: 'removed', line: a[i++] as ReportLine })
    }
  }
  return edits
}

const stringLiteral = /^(?:'[^']*'|"[^"]*")$/

/** `head` + union members of a line such as `export type S = 'A' | 'B';` or `s?: 'A' | 'B';`. */
function unionOf(text: string): { head: string; members: string[] } | undefined {
  const head = /^[^'"]*?(?:=|:)\s/.exec(text)?.[0]
  if (head === undefined) return undefined
  const body = text.slice(head.length).replace(/;$/, '')
  return { head, members: body.split(/\s*\|\s*/) }
}

/** True when `after` is `before` with string literals added to its union and nothing else. */
export function isWidenedUnion(before: string, after: string): boolean {
  const a = unionOf(before)
  const b = unionOf(after)
  if (!a || !b || a.head !== b.head || b.members.length <= a.members.length) return false
  const remaining = [...b.members]
  for (const member of a.members) {
    const index = remaining.indexOf(member)
    if (index === -1) return false
    remaining.splice(index, 1)
  }
  return remaining.every((member) => stringLiteral.test(member))
}

/**
 * The changes between two versions of the report `file` of `packageName`, each rated: removed
 * or changed lines major, added lines and widened unions minor.
 */
export function diffApiReports(
  before: string,
  after: string,
  file: string,
  packageName: string,
): Change[] {
  const edits = diffLines(reportLines(before), reportLines(after))
  const rated: Array<{ impact: Change['impact']; rule: string; line: ReportLine; sign: string }> =
    []

  // API Extractor sorts declarations, so a declaration whose neighbours changed can move: a line
  // removed in one place and added unchanged in another is no change. A declaration that only
  // became exported (it was in the report as a type the API uses) is an addition.
  const key = (line: ReportLine, text = line.text) => `${line.declaration}\0${text}`
  const addedAt = new Map<string, number[]>()
  edits.forEach((edit, index) => {
    if (edit.op !== 'added') return
    addedAt.set(key(edit.line), [...(addedAt.get(key(edit.line)) ?? []), index])
  })
  edits.forEach((edit, index) => {
    if (edit.op !== 'removed') return
    const moved = addedAt.get(key(edit.line))?.shift()
    const exported =
      moved === undefined &&
      declarationStart.test(edit.line.text) &&
      !edit.line.text.startsWith('export ')
        ? addedAt.get(key(edit.line, `export ${edit.line.text}`))?.shift()
        : undefined
    const other = moved ?? exported
    if (other === undefined) return
    const otherLine = (edits[other] as Edit).line
    if (exported !== undefined)
      rated.push({ impact: 'minor', rule: 'api-export-added', line: otherLine, sign: '+' })
    edits[index] = { op: 'same', line: edit.line }
    edits[other] = { op: 'same', line: otherLine }
  })

  // A hunk: consecutive removed and added lines between two unchanged ones.
  for (let start = 0; start < edits.length; ) {
    if (edits[start]?.op === 'same') {
      start++
      continue
    }
    let end = start
    while (end < edits.length && edits[end]?.op !== 'same') end++
    const hunk = edits.slice(start, end)
    const added = hunk.filter((edit) => edit.op === 'added').map((edit) => edit.line)
    for (const { line } of hunk.filter((edit) => edit.op === 'removed')) {
      const widened = added.findIndex((candidate) => isWidenedUnion(line.text, candidate.text))
      if (widened !== -1) {
        const [after] = added.splice(widened, 1) as [ReportLine]
        rated.push({ impact: 'minor', rule: 'api-union-widened', line: after, sign: '+' })
      } else {
        const rule = added.length > 0 ? 'api-line-changed' : 'api-line-removed'
        rated.push({ impact: 'major', rule, line, sign: '-' })
      }
    }
    for (const line of added)
      rated.push({ impact: 'minor', rule: 'api-line-added', line, sign: '+' })
    start = end
  }

  // One change per run of lines of one declaration with one rule: a removed or new declaration
  // is one change, named by its first line.
  const changes: Change[] = []
  for (let i = 0; i < rated.length; ) {
    const first = rated[i] as (typeof rated)[number]
    let j = i + 1
    while (
      j < rated.length &&
      rated[j]?.rule === first.rule &&
      rated[j]?.line.declaration === first.line.declaration
    )
      j++
    const more = j - i - 1
    const text = first.line.text.trim()
    changes.push({
      impact: first.impact,
      source: 'api',
      path: `${file}: ${first.line.declaration}: ${text}`,
      rule: first.rule,
      message:
        `${file.split('/').at(-1)} ${first.line.declaration}: ${first.sign} ${text}` +
        (more > 0 ? ` (and ${more} more line${more > 1 ? 's' : ''})` : ''),
      packageName,
    })
    i = j
  }
  return changes
}
