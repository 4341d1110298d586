import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { buildMain, where as fixtureWhere, runInput } from './fixtures.ts'

export interface BundleSize {
  readonly minified: number
  readonly gzip: number
}

/** `source` bundled with everything it imports and minified, as esbuild ships it to a browser. */
export async function bundle(source: string, resolveDir: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  return result.outputFiles[0]?.contents ?? new Uint8Array()
}

/** The weight of a browser program: minified, and that gzipped at level 9. */
export async function bundleSize(source: string, resolveDir: string): Promise<BundleSize> {
  const code = await bundle(source, resolveDir)
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength }
}

// The fixtures' ids, written into the programs' source.
const where = `spaceName: '${fixtureWhere.spaceName}', projectName: '${fixtureWhere.projectName}'`
const runId = `'${runInput.id}'`
const workflowId = `'${buildMain.id}'`

/** One call of each operation, written against the core (the modular, tree-shakable use). */
export const operationCalls = {
  getWorkflowRun: `const run = await getWorkflowRun(core, { ${where}, id: ${runId} }); console.log(run.status, run.startTime)`,
  listWorkflowRuns: `const runs = await listWorkflowRuns(core, { ${where}, workflowId: ${workflowId} }); console.log(runs.items.length)`,
  startWorkflowRun: `const started = await startWorkflowRun(core, { ${where}, workflowId: ${workflowId} }); console.log(started.id)`,
  listWorkflows: `const workflows = await listWorkflows(core, { ${where} }); console.log(workflows.items.length)`,
  getWorkflow: `const workflow = await getWorkflow(core, { ${where}, id: ${workflowId} }); console.log(workflow.name)`,
} as const

/** A program that imports only the core and these operations of @codecatalyst-runs/client. */
export function modularProgram(operations: ReadonlyArray<keyof typeof operationCalls>): string {
  return `import { createCodeCatalystCore, ${operations.join(', ')} } from '@codecatalyst-runs/client'
const core = createCodeCatalystCore({ token: 'token', baseUrl: 'http://127.0.0.1:4010' })
${operations.map((operation) => operationCalls[operation]).join('\n')}
`
}

/** The whole client: createCodeCatalystClient brings every operation with it. */
export const clientProgram = `
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
const client = createCodeCatalystClient({ token: 'token', baseUrl: 'http://127.0.0.1:4010' })
const run = await client.getWorkflowRun({ ${where}, id: ${runId} })
console.log(run.status, run.startTime)
`
