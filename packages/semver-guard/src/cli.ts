#!/usr/bin/env node
// `pnpm semver:check [--base <git ref>] [--json]`: does every published package declare the
// version bump its changes since the last release require? Exit 0 yes, 1 no, 2 could not tell.
import { parseArgs } from 'node:util'
import { toJson, toText } from './format.ts'
import { GuardUsageError, repositoryRoot } from './git.ts'
import { checkSemver } from './guard.ts'

const usage = 'usage: pnpm semver:check [--base <git ref>] [--json]'

async function main(): Promise<number> {
  let values: { base?: string; json?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      options: {
        base: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    process.stderr.write(`semver:check: ${(error as Error).message}\n${usage}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  if (values.base === '') {
    process.stderr.write(`semver:check: --base needs a git ref\n${usage}\n`)
    return 2
  }
  try {
    const verdict = await checkSemver(await repositoryRoot(process.cwd()), values.base)
    process.stdout.write(
      values.json ? `${JSON.stringify(toJson(verdict), null, 2)}\n` : toText(verdict),
    )
    return verdict.ok ? 0 : 1
  } catch (error) {
    const message = error instanceof GuardUsageError ? error.message : String(error)
    process.stderr.write(`semver:check: ${message}\n`)
    return 2
  }
}

process.exitCode = await main()
