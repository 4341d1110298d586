// The page's code samples are proven: every TypeScript sample type-checks against the built
// client and runs against the Prism mock of the spec, printing the operation's example answer;
// every CLI and curl sample runs as a process against the same mock. The samples are read from
// the built page's copy of the spec (what the page shows), not recomputed.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { followRef, type SpecNode } from '@codecatalyst-runs/codegen'
import { prismUrl } from '@codecatalyst-runs/testing/prism-url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { contractSpec, operations, pageSpec, root } from './page-samples.ts'

const run = promisify(execFile)
const testsDocs = join(root, 'tests/docs')

// A consumer project in a temp folder: the samples as files, the built client as its dependency
// (a link to packages/client, whose package.json points at dist/), Node's types for `process`.
const project = mkdtempSync(join(tmpdir(), 'codecatalyst-runs-samples-'))
afterAll(() => rmSync(project, { recursive: true, force: true }))
mkdirSync(join(project, 'node_modules/@codecatalyst-runs'), { recursive: true })
mkdirSync(join(project, 'node_modules/@types'), { recursive: true })
mkdirSync(join(project, 'bin'))
symlinkSync(
  join(root, 'packages/client'),
  join(project, 'node_modules/@codecatalyst-runs/client'),
  'dir',
)
symlinkSync(
  join(testsDocs, 'node_modules/@types/node'),
  join(project, 'node_modules/@types/node'),
  'dir',
)
writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n')
// `codecatalyst-runs` on PATH: the built CLI (apps/cli/dist), on this Node.
const cli = join(project, 'bin/codecatalyst-runs')
writeFileSync(
  cli,
  `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'apps/cli/dist/main.js')}" "$@"\n`,
  { mode: 0o755 },
)

/** What a sample runs with: the mock's URL and any token (Prism checks that there is one). */
const sampleEnv = {
  ...process.env,
  PATH: `${join(project, 'bin')}:${process.env.PATH}`,
  CODECATALYST_TOKEN: 'docs-sample-token',
  CODECATALYST_ENDPOINT: prismUrl,
  CI: '1',
  NO_COLOR: '1',
}

const samples = operations.flatMap((operation) =>
  operation.samples.map((sample) => ({
    ...sample,
    operation,
    name: `${operation.id} ${sample.label}`,
    file: join(project, `${operation.id}.${sample.label.replace(/\W+/g, '-')}.ts`),
  })),
)
const typescript = samples.filter((sample) => sample.lang === 'TypeScript')
const shell = samples.filter((sample) => sample.lang === 'Shell')
for (const sample of typescript) writeFileSync(sample.file, sample.source)

/** The operation's first named 200 example: what the mock answers. */
function firstExample(operation: (typeof operations)[number]): SpecNode {
  const success = followRef(contractSpec, operation.node.responses['200'])
  const media = success.content['application/json']
  return (
    media.example ?? followRef(contractSpec, Object.values(media.examples)[0] as SpecNode).value
  )
}

/** The example as the client returns it: every timestamp a Date, printed as ISO 8601. */
function asParsed(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) {
    return new Date(value).toISOString()
  }
  if (Array.isArray(value)) return value.map(asParsed)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asParsed(item)]))
  }
  return value
}

async function runProcess(file: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(file, args, {
      env: sampleEnv,
      cwd: project,
      timeout: 30_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}

describe('the samples of the page', () => {
  it('leave the contract spec as it is: the page shows a copy with x-codeSamples added', () => {
    const copy = structuredClone(pageSpec)
    for (const operation of operations)
      delete copy.paths[operation.path][operation.method]['x-codeSamples']
    expect(copy).toEqual(contractSpec)
    expect(JSON.stringify(contractSpec)).not.toContain('x-codeSamples')
  })

  it.each(operations)('$id has a TypeScript sample first, and curl', (operation) => {
    const labels = operation.samples.map((sample) => sample.label)
    expect(labels[0]).toBe('TypeScript')
    expect(labels).toContain('curl')
    if (operation.node['x-smithy-paginated']) expect(labels).toContain('TypeScript: paginator')
    expect(labels.includes('TypeScript: waiter')).toBe(operation.id === 'GetWorkflowRun')
  })

  it('have a CLI command for each operation the CLI calls', () => {
    const withCli = operations.filter((operation) =>
      operation.samples.some((sample) => sample.label.startsWith('CLI')),
    )
    expect(withCli.map((operation) => operation.id).sort()).toEqual([
      'GetWorkflowRun',
      'ListWorkflowRuns',
      'ListWorkflows',
      'StartWorkflowRun',
    ])
  })

  it('type-check, every TypeScript sample, against the built client', () => {
    expect(typescript.length).toBeGreaterThanOrEqual(operations.length)
    const program = ts.createProgram(
      typescript.map((sample) => sample.file),
      {
        target: ts.ScriptTarget.ES2023,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: ['node'],
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: true,
        noEmit: true,
        allowImportingTsExtensions: true,
      },
    )
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file?.fileName.replace(`${project}/`, '') ?? ''
      return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
    })
    expect(problems).toEqual([])
  })
})

describe('the TypeScript samples, run against the Prism mock', () => {
  it.each(typescript)('$name prints the example answer', async (sample) => {
    const { code, stdout, stderr } = await runProcess(process.execPath, [sample.file])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const example = asParsed(firstExample(sample.operation)) as SpecNode
    if (sample.label === 'TypeScript') {
      expect(JSON.parse(stdout)).toEqual(example)
    } else if (sample.label === 'TypeScript: paginator') {
      const items = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
      expect(items).toEqual(example.items)
    } else {
      // The waiter: the first answer's status, then the final run.
      const [first, ...rest] = stdout.split('\n')
      expect(first).toBe(`now ${example.status}`)
      expect(JSON.parse(rest.join('\n'))).toEqual(example)
    }
  })
})

describe('the shell samples, run against the Prism mock', () => {
  it.each(shell)('$name exits 0', async (sample) => {
    const { code, stdout, stderr } = await runProcess('bash', [
      '-euo',
      'pipefail',
      '-c',
      sample.source,
    ])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout.trim()).not.toBe('')
    if (sample.label === 'curl') {
      expect(JSON.parse(stdout)).toEqual(firstExample(sample.operation))
    }
  })
})
