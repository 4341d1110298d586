import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  resolveRef,
  type SpecNode,
  spec,
  specPath,
  specValidator,
} from '@codecatalyst-runs/testing/spec'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const specFile = specPath
const redocly = join(
  dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
  'bin/cli.js',
)

interface ExampleSite {
  readonly where: string
  readonly schemaPointer: string
  readonly examples: Array<[name: string, value: unknown]>
}

/** Every place in the spec that pairs a schema with an `example` or named `examples`. */
function exampleSites(node: unknown, pointer = ''): ExampleSite[] {
  if (typeof node !== 'object' || node === null) return []
  const record = node as Record<string, unknown>
  const sites: ExampleSite[] = []
  if ('schema' in record && ('example' in record || 'examples' in record)) {
    const examples: Array<[string, unknown]> = []
    if ('example' in record) examples.push(['example', record.example])
    for (const [name, example] of Object.entries((record.examples ?? {}) as object)) {
      examples.push([name, (example as { value: unknown }).value])
    }
    sites.push({ where: pointer, schemaPointer: `${pointer}/schema`, examples })
  }
  for (const [key, child] of Object.entries(record)) {
    sites.push(
      ...exampleSites(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`),
    )
  }
  return sites
}

describe('the spec', () => {
  it('lints clean with Redocly (recommended-strict)', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [redocly, 'lint', specFile],
      { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
    )
    expect(`${stdout}${stderr}`).toMatch(/valid/i)
  })

  const sites = exampleSites(spec)
  const ajv = specValidator()

  const operations = Object.values(spec.paths as Record<string, Record<string, SpecNode>>).flatMap(
    (item) => Object.values(item).filter((operation) => typeof operation?.operationId === 'string'),
  )

  it('describes the five operations', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([
      'GetWorkflow',
      'GetWorkflowRun',
      'ListWorkflowRuns',
      'ListWorkflows',
      'StartWorkflowRun',
    ])
  })

  it.each(operations.map((operation) => [operation.operationId, operation]))(
    '%s has named 200 examples, an example for every parameter and for every error',
    (_id, operation) => {
      const success = operation.responses['200'].content['application/json']
      expect(Object.keys(success.examples ?? {}).length).toBeGreaterThan(0)
      for (const parameter of operation.parameters) expect(parameter).toHaveProperty('example')
      const errors = Object.entries(operation.responses as SpecNode).filter(
        ([status]) => Number(status) >= 400,
      )
      expect(errors.map(([status]) => status)).toEqual(['400', '402', '403', '404', '409', '429'])
      for (const [, response] of errors) {
        expect(Object.keys(resolveRef(response).content['application/json'].examples)).not.toEqual(
          [],
        )
      }
    },
  )

  it('states no order, page size or token format the model does not give', () => {
    for (const operation of operations.filter((operation) => operation['x-smithy-paginated'])) {
      expect(operation.description).toMatch(/does not say in which order/)
      expect(operation.description).toMatch(/maxResults/)
      expect(operation.description).toMatch(/nextToken/)
    }
  })

  it.each(sites.flatMap((site) => site.examples.map(([name, value]) => ({ site, name, value }))))(
    'example $name at $site.where validates against its schema',
    ({ site, value }) => {
      const validate = ajv.compile({ $ref: `spec#${site.schemaPointer}` })
      const valid = validate(value)
      expect(validate.errors ?? []).toEqual([])
      expect(valid).toBe(true)
    },
  )
})

describe('generation', () => {
  async function generateInto(dir: string): Promise<Map<string, string>> {
    const { createClient } = await import('@hey-api/openapi-ts')
    const { jobs } = await import('../../openapi-ts.config.ts')
    // Same jobs, other folders, the plugins' own files included: nothing is written into the repo,
    // which other tests read while this one runs. Formatting is left out (a separate tool, and
    // Biome will not format outside the repo); the version step stays.
    const paths = {
      types: join(dir, '0'),
      client: join(dir, '1'),
      simulator: join(dir, 'simulator'),
      mcp: join(dir, 'mcp'),
      reference: join(dir, 'REFERENCE.md'),
    }
    await createClient(
      (jobs(paths) as unknown as Array<Record<string, unknown>>).map((job) => ({
        ...job,
        input: specFile,
        logs: { level: 'silent' },
        output: {
          ...(job.output as object),
          postProcess: ((job.output as { postProcess: unknown[] }).postProcess ?? []).filter(
            (step) =>
              typeof step === 'object' &&
              !String((step as { name: string }).name).startsWith('Format'),
          ),
        },
      })) as never,
    )
    const files = new Map<string, string>()
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const path = join(entry.parentPath, entry.name)
      files.set(
        relative(dir, path),
        createHash('sha256')
          .update(await readFile(path))
          .digest('hex'),
      )
    }
    return files
  }

  // Each run is both jobs, the operations plugin and the post-process steps: generous on two busy cores.
  it('is deterministic: two runs give byte-identical files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codecatalyst-generate-'))
    try {
      const first = await generateInto(join(dir, 'a'))
      const second = await generateInto(join(dir, 'b'))
      expect(second).toEqual(first)
      // The types live in the types package only; the client job writes only our plugins' files.
      expect([...first.keys()].sort()).toEqual([
        '0/types.gen.ts',
        '1/client-methods.gen.ts',
        '1/errors.gen.ts',
        '1/methods.gen.ts',
        '1/operations.gen.ts',
        '1/version.gen.ts',
        'REFERENCE.md',
        'mcp/tools.gen.ts',
        'simulator/operations.gen.ts',
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
