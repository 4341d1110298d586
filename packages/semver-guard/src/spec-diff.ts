// Rates the changes between two versions of the spec with `redocly diff`, configured by
// redocly-diff.yaml (the README's policy), plus the one rating its rules cannot express.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { isBump } from './bump.ts'
import type { Change } from './change.ts'

const run = promisify(execFile)
const require = createRequire(import.meta.url)
const redoclyBin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js')

/** The part of `redocly diff --format json` the guard reads. */
interface RedoclyChange {
  path: string
  kind: 'added' | 'removed' | 'modified'
  impact: string
  typeName?: string
  property?: string
  verdicts?: Array<{ ruleId: string; impact: string; message: string }>
  base?: { value?: unknown }
  revision?: { value?: unknown }
}

/** `#/paths/~1a~1{b}/get/…` as `GET /a/{b} …`, for a person. */
export function describePointer(pointer: string): string {
  const tokens = pointer
    .replace(/^#\//, '')
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
  if (tokens[0] !== 'paths') return tokens.join(' › ')
  const [, path, method, ...rest] = tokens
  const where = /^(get|put|post|delete|options|head|patch|trace)$/.test(method ?? '')
    ? `${method?.toUpperCase()} ${path}`
    : [path, method].filter(Boolean).join(' › ')
  const inner = rest
    .join('/')
    .replace(/content\/[^/]+\/[^/]+\/schema\/?/, '')
    .replace(/\/\$ref$/, '')
  return inner ? `${where} › ${inner}` : where
}

function isRequestSide(pointer: string): boolean {
  return /\/(parameters|requestBody)\//.test(pointer) && !pointer.includes('/responses/')
}

function added(before: unknown, after: unknown): unknown[] {
  if (!Array.isArray(before) || !Array.isArray(after)) return []
  return after.filter((value) => !before.includes(value))
}

/** One redocly change as the guard's change, with the guard's own rating where it differs. */
function rate(change: RedoclyChange): Change {
  const verdict = change.verdicts?.[0]
  const impact = isBump(change.impact) && change.impact !== 'none' ? change.impact : 'patch'
  const where = describePointer(change.path)
  const base: Change = {
    impact,
    source: 'spec',
    path: change.path,
    rule: verdict?.ruleId ?? [change.kind, change.property].filter(Boolean).join(' '),
    message:
      verdict?.message ??
      `${where}: ${change.property ? `\`${change.property}\` ` : ''}${change.kind}.`,
  }
  // A value added to a request enum lets a caller send what the service did not accept before:
  // a new capability, so minor (redocly rates it patch).
  const gained = added(change.base?.value, change.revision?.value)
  if (
    change.property === 'enum' &&
    isRequestSide(change.path) &&
    gained.length > 0 &&
    impact === 'patch'
  ) {
    return {
      ...base,
      impact: 'minor',
      rule: 'request-enum-values-added',
      message: `${where}: the request enum gained ${gained.map((v) => `'${v}'`).join(', ')}.`,
    }
  }
  return base
}

/** The rated changes from the spec file `before` to the spec file `after`. */
export async function diffSpecs(before: string, after: string, config: string): Promise<Change[]> {
  const dir = await mkdtemp(join(tmpdir(), 'semver-spec-diff-'))
  try {
    const output = join(dir, 'diff.json')
    try {
      await run(
        process.execPath,
        [redoclyBin, 'diff', before, after, '--config', config, '--format', 'json'].concat([
          '--fail-on',
          'none',
          '--lint-config',
          'error',
          '--output',
          output,
        ]),
        {
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          maxBuffer: 16 * 1024 * 1024,
        },
      )
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
      throw new Error(`redocly diff failed on ${before} → ${after}:\n${stderr}${stdout}`)
    }
    const report = JSON.parse(await readFile(output, 'utf8')) as { changes?: RedoclyChange[] }
    return (report.changes ?? []).map(rate)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
