// `pnpm docs`: the API reference page, docs/dist/index.html, one file that works from file:// with
// no network. The contract spec is not changed: the generator's code samples
// (packages/codegen/src/samples-emitter.ts) go into a copy of it as `x-codeSamples`
// (docs/dist/openapi.json), which Redocly's `build-docs` renders with Redoc's bundle inlined.
// Usage: node scripts/docs.ts [<output folder>]   (default: docs/dist)
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { readSpec, readSpecFile } from '@codecatalyst-runs/codegen'
import { emitSamples, withCodeSamples } from '@codecatalyst-runs/codegen/samples'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = resolve(process.argv[2] ?? join(root, 'docs/dist'))
const specFile = join(root, 'spec/codecatalyst.openapi.yaml')
const redocly = join(root, 'node_modules/@redocly/cli/bin/cli.js')

/**
 * What the page may load: its own inline scripts and styles, and data: images and fonts. Nothing
 * else, so that no version of the renderer can reach the network from the page (no fonts, no
 * logo, no telemetry), whatever a reader clicks.
 */
export const contentSecurityPolicy =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:"

/**
 * Redoc 3's sidebar shows "API docs by" and Redocly's logo from its CDN. The attribution stays;
 * the logo becomes a small inline image of the name.
 */
const cdnLogos = [
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
  'https://cdn.redoc.ly/redoc/logo-mini.svg',
]
const logo = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#0044D4">Redocly</text></svg>',
)}`

function offline(html: string): string {
  if (!html.includes('<head>')) throw new Error('build-docs wrote a page without <head>')
  let page = html.replace(
    '<head>',
    `<head>\n  <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
  )
  for (const url of cdnLogos) page = page.replaceAll(url, logo)
  return page
}

const spec = readSpecFile(specFile)
const samples = emitSamples(readSpec(spec))
mkdirSync(out, { recursive: true })
const copy = join(out, 'openapi.json')
writeFileSync(copy, `${JSON.stringify(withCodeSamples(spec, samples), null, 2)}\n`)

// Redoc shows one language at a time, the same for every operation, chosen from this list (its
// default list starts with a curl it writes itself): ours, in the order the samples come.
const languages = [
  ...new Map(
    samples.flatMap((operation) =>
      operation.samples.map(({ label, lang }) => [label, { label, lang }] as const),
    ),
  ).values(),
]
const configDir = mkdtempSync(join(tmpdir(), 'codecatalyst-runs-docs-'))
const config = join(configDir, 'redocly.yaml')
writeFileSync(config, JSON.stringify({ openapi: { codeSamples: { languages } } }, null, 2))

const page = join(out, 'index.html')
await promisify(execFile)(
  process.execPath,
  [
    redocly,
    'build-docs',
    copy,
    '--output',
    page,
    '--inlineBundle',
    '--config',
    config,
    '--title',
    'Amazon CodeCatalyst workflow runs: API reference',
  ],
  {
    cwd: root,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  },
)
rmSync(configDir, { recursive: true, force: true })
writeFileSync(page, offline(readFileSync(page, 'utf8')))
const count = samples.reduce((total, operation) => total + operation.samples.length, 0)
console.log(
  `${relative(process.cwd(), page) || page}: ${samples.length} operations, ${count} code samples (open it from disk; it needs no network)`,
)
