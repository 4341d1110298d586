import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { diffApiReports, isWidenedUnion, reportLines } from './api-report-diff.ts'

// The committed report of the types package: the real shape the guard reads.
const file = 'packages/types/review/types.api.md'
const report = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')

function edit(search: string, replacement: string): string {
  expect(report, `the report has ${search}`).toContain(search)
  return report.replace(search, replacement)
}

function diff(after: string) {
  return diffApiReports(report, after, file, '@codecatalyst-runs/types').map(
    ({ impact, rule, path }) => ({ impact, rule, path }),
  )
}

describe('diffApiReports', () => {
  it('finds nothing in an unchanged report', () => {
    expect(diff(report)).toEqual([])
  })

  it('ignores comments: release tags, (undocumented) markers and warnings are not API', () => {
    const after = report
      .replaceAll('// @public (undocumented)', '// @public')
      .replace(
        '```ts\n',
        '```ts\n// Warning: (ae-forgotten-export) The symbol "X" needs to be exported\n',
      )
    expect(after).not.toBe(report)
    expect(diff(after)).toEqual([])
  })

  it('rates a removed property major, naming the declaration and the line', () => {
    expect(diff(edit('    endTime?: string;\n', ''))).toEqual([
      {
        impact: 'major',
        rule: 'api-line-removed',
        path: `${file}: GetWorkflowRunResponse: endTime?: string;`,
      },
    ])
  })

  it('rates an added property minor', () => {
    expect(
      diff(edit('    endTime?: string;\n', '    endTime?: string;\n    displayName?: string;\n')),
    ).toEqual([
      {
        impact: 'minor',
        rule: 'api-line-added',
        path: `${file}: GetWorkflowRunResponse: displayName?: string;`,
      },
    ])
  })

  it('rates a changed line major (a required field becoming optional)', () => {
    const changes = diff(edit('    workflowId: Uuid;\n', '    workflowId?: Uuid;\n'))
    expect(changes).toContainEqual({
      impact: 'major',
      rule: 'api-line-changed',
      path: `${file}: GetWorkflowRunResponse: workflowId: Uuid;`,
    })
  })

  it('rates a new type minor and a removed one major', () => {
    const added = edit(
      '// @public\nexport type Uuid = string;\n',
      '// @public\nexport type Uuid = string;\n\n// @public\nexport type RunId = string;\n',
    )
    expect(diff(added)).toEqual([
      {
        impact: 'minor',
        rule: 'api-line-added',
        path: `${file}: RunId: export type RunId = string;`,
      },
    ])
    expect(diff(edit('// @public\nexport type Uuid = string;\n', ''))).toEqual([
      {
        impact: 'major',
        rule: 'api-line-removed',
        path: `${file}: Uuid: export type Uuid = string;`,
      },
    ])
  })

  it("rates a union that gained string literals minor (the spec's enums are open)", () => {
    const changes = diff(edit("'STOPPING' | 'ABANDONED';", "'STOPPING' | 'ABANDONED' | 'QUEUED';"))
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({ impact: 'minor', rule: 'api-union-widened' })
    expect(changes[0]?.path).toMatch(/: WorkflowRunStatus: export type WorkflowRunStatus = /)
  })

  it('rates a union that lost a member major', () => {
    const changes = diff(edit(" | 'ABANDONED';", ';'))
    expect(changes).toContainEqual(
      expect.objectContaining({ impact: 'major', rule: 'api-line-changed' }),
    )
  })
})

describe('isWidenedUnion', () => {
  it.each([
    ["export type S = 'A' | 'B';", "export type S = 'A' | 'B' | 'C';", true],
    ["export type S = 'A' | 'B';", "export type S = 'C' | 'A' | 'B';", true],
    ["    status: 'A' | 'B';", "    status: 'A' | 'X' | 'B';", true],
    ["export type S = 'A' | 'B';", "export type S = 'A';", false],
    ["export type S = 'A' | 'B';", "export type S = 'A' | 'B' | number;", false],
    ["export type S = 'A' | 'B';", "export type T = 'A' | 'B' | 'C';", false],
    ["export type S = 'A' | 'B';", "export type S = 'A' | 'C' | 'D';", false],
  ])('%s → %s: %s', (before, after, widened) => {
    expect(isWidenedUnion(before, after)).toBe(widened)
  })
})

describe('reportLines', () => {
  it('reads only the code block, without blank and comment lines', () => {
    const lines = reportLines(report)
    expect(lines.length).toBeGreaterThan(20)
    for (const { text } of lines) {
      expect(text.trim()).not.toBe('')
      expect(text.trimStart().startsWith('//')).toBe(false)
      expect(text).not.toMatch(/^(##|>|```)/)
    }
  })
})

describe('the committed reports', () => {
  it.each(['types', 'client'])(
    '%s: nothing in it depends on where the repo is checked out',
    (name) => {
      const text = readFileSync(
        new URL(`../../packages/${name}/review/${name}.api.md`, import.meta.url),
        'utf8',
      )
      expect(text).not.toContain(fileURLToPath(new URL('../..', import.meta.url)))
      expect(text).not.toMatch(/^\/\/ \/|[A-Z]:\\/m)
      expect(text).not.toContain('\r')
    },
  )
})
