import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A problem with what the guard was asked to compare: a usage error (exit 2), not a verdict. */
export class GuardUsageError extends Error {
  override name = 'GuardUsageError'
}

export async function git(root: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

/** The repository's top folder for `cwd`; a usage error outside a git work tree. */
export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim()
  } catch {
    throw new GuardUsageError(`${cwd} is not inside a git work tree`)
  }
}

/** The commit a ref names; a usage error when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new GuardUsageError(`'${ref}' is not a git ref`)
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim()
  } catch {
    throw new GuardUsageError(`base '${ref}' is not a commit in this repository`)
  }
}

/** A file as it is at a commit, or undefined when the commit has no such file. */
export async function fileAt(
  root: string,
  commit: string,
  path: string,
): Promise<string | undefined> {
  try {
    return await git(root, ['show', `${commit}:${path}`])
  } catch {
    return undefined
  }
}
