import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

export interface BundleSize {
  readonly minified: number
  readonly gzip: number
}

/**
 * The weight of a one-call browser program: `source` bundled with everything it imports,
 * minified, as esbuild ships it to a browser, and that bundle gzipped at level 9.
 */
export async function bundleSize(source: string, resolveDir: string): Promise<BundleSize> {
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
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength }
}

/** The one-call program for @codecatalyst-runs/client. */
export const clientProgram = `
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
const client = createCodeCatalystClient({ token: 'token', baseUrl: 'http://127.0.0.1:4010' })
const run = await client.getWorkflowRun({ spaceName: 'my-space', projectName: 'my-project', id: '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11' })
console.log(run.status, run.startTime)
`
