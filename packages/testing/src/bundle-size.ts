import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { where as fixtureWhere, runInput } from './fixtures.ts'
import { exampleInput, operations } from './spec.ts'

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

/**
 * One call of each operation of the spec, by its function's name (the operationId in
 * lowerCamelCase), written against the core (the modular, tree-shakable use), with the spec's
 * example input. Read from the spec: an operation added to it is measured too.
 */
export const operationCalls: Readonly<Record<string, string>> = Object.fromEntries(
  operations.map(({ id }, index) => {
    const name = id.charAt(0).toLowerCase() + id.slice(1)
    return [name, `console.log(${index}, await ${name}(core, ${JSON.stringify(exampleInput(id))}))`]
  }),
)

/** A program that imports only the core and these operations of @codecatalyst-runs/client. */
export function modularProgram(functions: readonly string[]): string {
  return `import { createCodeCatalystCore, ${functions.join(', ')} } from '@codecatalyst-runs/client'
const core = createCodeCatalystCore({ token: 'token', baseUrl: 'http://127.0.0.1:4010' })
${functions.map((name) => operationCalls[name]).join('\n')}
`
}

/** The whole client: createCodeCatalystClient brings every operation with it. */
export const clientProgram = `
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
const client = createCodeCatalystClient({ token: 'token', baseUrl: 'http://127.0.0.1:4010' })
const run = await client.getWorkflowRun({ ${where}, id: ${runId} })
console.log(run.status, run.startTime)
`
