// A published package's API report (`review/<name>.api.md`), written by API Extractor from the
// built declarations (`dist/`). `node scripts/api-report.ts` in a package folder rewrites it;
// with `--check` it fails when the committed report differs from the built package.
import { execFile } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import {
  ConsoleMessageId,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
} from '@microsoft/api-extractor'

const run = promisify(execFile)

// Said by this script in its own words (and with git's diff) instead.
const restated = new Set<string>([
  ConsoleMessageId.ApiReportNotCopied,
  ConsoleMessageId.ApiReportCopied,
  ConsoleMessageId.ApiReportCreated,
  ConsoleMessageId.ApiReportDiff,
])

export interface ApiReportResult {
  readonly packageName: string
  /** The committed report, and where API Extractor put the one it just wrote. */
  readonly reportFile: string
  readonly builtReportFile: string
  readonly changed: boolean
  readonly succeeded: boolean
}

/** Writes the report of the package in `packageDir` (`local`), or compares it with the built one. */
export async function apiReport(packageDir: string, { local }: { local: boolean }) {
  const config = ExtractorConfig.loadFileAndPrepare(join(packageDir, 'api-extractor.json'))
  await mkdir(config.reportFolder, { recursive: true })
  const result = Extractor.invoke(config, {
    localBuild: local,
    // Only what needs attention: no progress lines.
    messageCallback(message) {
      if (
        message.logLevel === ExtractorLogLevel.Info ||
        message.logLevel === ExtractorLogLevel.Verbose ||
        restated.has(message.messageId)
      )
        message.handled = true
    },
  })
  return {
    packageName: config.packageJson?.name ?? packageDir,
    reportFile: join(config.reportFolder, config.reportConfigs[0]?.fileName ?? ''),
    builtReportFile: join(config.reportTempFolder, config.reportConfigs[0]?.fileName ?? ''),
    changed: result.apiReportChanged,
    succeeded: result.errorCount === 0,
  } satisfies ApiReportResult
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check')
  const packageDir = process.cwd()
  const result = await apiReport(packageDir, { local: !check })
  if (!result.succeeded) {
    process.stderr.write(`API Extractor failed for ${result.packageName}.\n`)
    return 1
  }
  const file = relative(packageDir, result.reportFile)
  if (!check) {
    process.stdout.write(
      `${result.packageName}: ${file} ${result.changed ? 'updated' : 'unchanged'}.\n`,
    )
    return 0
  }
  if (!result.changed) {
    process.stdout.write(`${result.packageName}: ${file} matches the built package.\n`)
    return 0
  }
  const built = relative(packageDir, result.builtReportFile)
  const diff = await run('git', ['diff', '--no-index', '--', file, built], {
    cwd: packageDir,
  }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  )
  process.stderr.write(
    `${diff}\nThe API report ${file} of ${result.packageName} is stale: its public API changed. ` +
      'Run `pnpm api-report`, review the diff and commit it, and declare the bump it needs ' +
      '(`pnpm semver:check` says which).\n',
  )
  return 1
}

if (import.meta.main) process.exitCode = await main()
