import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

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

/** The weight of a one-call browser program: minified, and that gzipped at level 9. */
export async function bundleSize(source: string, resolveDir: string): Promise<BundleSize> {
  const code = await bundle(source, resolveDir)
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength }
}

/** The one-call program for @codecatalyst-runs/client. */
export const clientProgram = `
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
const client = createCodeCatalystClient({ token: 'token', baseUrl: 'http://127.0.0.1:4010' })
const run = await client.getWorkflowRun({ spaceName: 'my-space', projectName: 'my-project', id: '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11' })
console.log(run.status, run.startTime)
`
