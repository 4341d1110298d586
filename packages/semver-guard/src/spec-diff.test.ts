// The mutation table: each row changes a temporary copy of the real spec and states the bump the
// README's policy gives it. Rows find what they change by operationId and names, so they hold
// when the spec grows.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { type Bump, maxBump } from './bump.ts'
import { diffConfigFile, specFile } from './guard.ts'
import { describePointer, diffSpecs } from './spec-diff.ts'
import {
  componentName,
  getRun,
  type SpecNode as Node,
  operation,
  parameterSchema,
  renameComponent,
  runSchema,
  statusSchema,
} from './test-spec.ts'

const root = fileURLToPath(new URL('../../..', import.meta.url))

let dir: string
let original: Node

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'semver-spec-table-'))
  original = parse(await readFile(join(root, specFile), 'utf8'))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

const optionalQuery = (values?: string[]) => ({
  name: 'view',
  in: 'query',
  required: false,
  description: 'How much of the run to return.',
  schema: values ? { type: 'string', enum: values } : { type: 'string' },
})

interface Row {
  change: string
  expected: Bump
  mutate: (spec: Node) => void
  /** A change to the base as well, when the row needs something the spec does not have yet. */
  prepare?: (spec: Node) => void
}

const rows: Row[] = [
  { change: 'no change at all', expected: 'none', mutate: () => {} },
  {
    change: 'a description only',
    expected: 'patch',
    mutate: (s) => {
      getRun(s).description = 'Describes one run of a workflow.'
    },
  },
  {
    change: 'removing an optional response property',
    expected: 'major',
    mutate: (s) => {
      expect(runSchema(s).required).not.toContain('endTime')
      delete runSchema(s).properties.endTime
    },
  },
  {
    change: 'removing a required response property',
    expected: 'major',
    mutate: (s) => {
      const run = runSchema(s)
      delete run.properties.workflowId
      run.required = run.required.filter((name: string) => name !== 'workflowId')
    },
  },
  {
    change: 'adding an optional response property',
    expected: 'minor',
    mutate: (s) => {
      runSchema(s).properties.displayName = { type: 'string', description: 'A display name.' }
    },
  },
  {
    change: 'changing the type of a response property',
    expected: 'major',
    mutate: (s) => {
      runSchema(s).properties.startTime = { type: 'integer', description: 'Epoch seconds.' }
    },
  },
  {
    change: 'adding a value to a response enum (our enums are open)',
    expected: 'minor',
    mutate: (s) => {
      statusSchema(s).enum.push('QUEUED')
    },
  },
  {
    // Wire-compatible (the service sends less), so the spec diff says patch; the TypeScript union
    // loses a member, which the API report rates major (see api-report-diff.test.ts).
    change: 'removing a value from a response enum',
    expected: 'patch',
    mutate: (s) => {
      statusSchema(s).enum = statusSchema(s).enum.filter((v: string) => v !== 'ABANDONED')
    },
  },
  {
    change: 'adding a value to a request enum',
    expected: 'minor',
    prepare: (s) => {
      getRun(s).parameters.push(optionalQuery(['SUMMARY', 'FULL']))
    },
    mutate: (s) => {
      parameterSchema(s, 'view').enum.push('DEBUG')
    },
  },
  {
    change: 'removing a value from a request enum',
    expected: 'major',
    prepare: (s) => {
      getRun(s).parameters.push(optionalQuery(['SUMMARY', 'FULL']))
    },
    mutate: (s) => {
      parameterSchema(s, 'view').enum = ['SUMMARY']
    },
  },
  {
    change: 'tightening a path-parameter pattern',
    expected: 'major',
    mutate: (s) => {
      const id = parameterSchema(s, 'id')
      expect(id.pattern).toContain('a-fA-F')
      id.pattern = id.pattern.replaceAll('a-fA-F', 'a-f')
    },
  },
  {
    // No diff can prove one regular expression looser than another: a changed pattern is major
    // either way, and the README says so.
    change: 'loosening a path-parameter pattern',
    expected: 'major',
    mutate: (s) => {
      parameterSchema(s, 'projectName').pattern = '^[a-zA-Z0-9._-]+$'
    },
  },
  {
    change: 'a new required query parameter',
    expected: 'major',
    mutate: (s) => {
      getRun(s).parameters.push({ ...optionalQuery(), required: true })
    },
  },
  {
    change: 'a new optional query parameter',
    expected: 'minor',
    mutate: (s) => {
      getRun(s).parameters.push(optionalQuery())
    },
  },
  {
    change: 'a new operation',
    expected: 'minor',
    mutate: (s) => {
      const { path, op } = operation(s, 'GetWorkflowRun')
      s.paths[`${path}/copy`] = {
        get: { ...structuredClone(op), operationId: 'GetWorkflowRunCopy' },
      }
    },
  },
  {
    change: 'a removed operation',
    expected: 'major',
    mutate: (s) => {
      const { path, method } = operation(s, 'GetWorkflowRun')
      delete s.paths[path][method]
      if (Object.keys(s.paths[path]).length === 0) delete s.paths[path]
    },
  },
  {
    change: 'a new error response',
    expected: 'minor',
    mutate: (s) => {
      getRun(s).responses['500'] = {
        description: 'InternalServerException',
        content: {
          'application/json': {
            schema: { type: 'object', properties: { message: { type: 'string' } } },
          },
        },
      }
    },
  },
  {
    change: 'a removed error response',
    expected: 'major',
    mutate: (s) => {
      expect(getRun(s).responses['409']).toBeDefined()
      delete getRun(s).responses['409']
    },
  },
  {
    // Same wire shape, so the spec diff sees a renamed key only; the exported TypeScript type is
    // renamed too, and the API report rates that major (guard.test.ts builds it).
    change: 'renaming a component schema',
    expected: 'patch',
    mutate: (s) => {
      const renamed = renameComponent(s, componentName(s, statusSchema(s)) as string, 'RunStatus')
      for (const key of Object.keys(s)) delete s[key]
      Object.assign(s, renamed)
    },
  },
]

describe('the spec diff rates each change as the README policy says', () => {
  it.concurrent.each(rows.map((row, index) => ({ ...row, index })))(
    '$change: $expected',
    async ({ index, mutate, prepare, expected }) => {
      const base = structuredClone(original)
      prepare?.(base)
      const revision = structuredClone(base)
      mutate(revision)
      const before = join(dir, `${index}-base.yaml`)
      const after = join(dir, `${index}-revision.yaml`)
      await writeFile(before, stringify(base))
      await writeFile(after, stringify(revision))

      const changes = await diffSpecs(before, after, join(root, diffConfigFile))
      expect(maxBump(...changes.map((c) => c.impact)), JSON.stringify(changes, null, 2)).toBe(
        expected,
      )
      for (const change of changes) {
        expect(change.source).toBe('spec')
        expect(change.path).toMatch(/^#\//)
        expect(change.rule).not.toBe('')
      }
    },
  )

  it('names the rule behind a raised rating', async () => {
    const base = structuredClone(original)
    getRun(base).parameters.push(optionalQuery(['SUMMARY']))
    const revision = structuredClone(base)
    parameterSchema(revision, 'view').enum.push('FULL')
    await writeFile(join(dir, 'raised-base.yaml'), stringify(base))
    await writeFile(join(dir, 'raised-revision.yaml'), stringify(revision))
    const changes = await diffSpecs(
      join(dir, 'raised-base.yaml'),
      join(dir, 'raised-revision.yaml'),
      join(root, diffConfigFile),
    )
    expect(changes).toEqual([
      expect.objectContaining({
        impact: 'minor',
        rule: 'request-enum-values-added',
        message: expect.stringContaining("'FULL'"),
      }),
    ])
  })

  it('fails clearly on a spec it cannot read', async () => {
    await writeFile(join(dir, 'broken.yaml'), 'openapi: 3.1.0\npaths: [\n')
    await expect(
      diffSpecs(join(dir, 'broken.yaml'), join(root, specFile), join(root, diffConfigFile)),
    ).rejects.toThrow(/redocly diff failed/)
  })
})

describe('describePointer', () => {
  it('reads a pointer into an operation as the operation', () => {
    expect(
      describePointer(
        '#/paths/~1v1~1runs~1{id}/get/responses/200/content/application~1json/schema/properties/endTime',
      ),
    ).toBe('GET /v1/runs/{id} › responses/200/properties/endTime')
    expect(describePointer('#/components/schemas/RunStatus')).toBe(
      'components › schemas › RunStatus',
    )
  })
})
