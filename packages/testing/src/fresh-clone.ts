// Fresh clones of this work tree, as a teammate or a CI runner gets them, for tests and benchmarks
// that must start without any of this checkout's build outputs or caches.
import { execFile } from 'node:child_process'
import { copyFile, link, mkdir, readdir, readFile, readlink, symlink } from 'node:fs/promises'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The environment minus every TURBO_* variable the caller may have set (remote cache, flags). */
export function environmentWithoutTurbo(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        !entry[0].startsWith('TURBO_') && entry[1] !== undefined,
    ),
  )
}

/**
 * The repo's pinned pnpm (its `packageManager`), located once through npx: its path, and a PATH
 * that has it first, because turbo looks for the package manager's binary on PATH.
 */
export async function locatePnpm(root: string): Promise<{ pnpm: string; path: string }> {
  const { packageManager } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
  const { stdout } = await run('npx', ['-y', '-p', packageManager, 'which', 'pnpm'], { cwd: root })
  const pnpm = stdout.trim()
  return { pnpm, path: `${dirname(pnpm)}${delimiter}${process.env.PATH ?? ''}` }
}

/**
 * Makes `dest` a git repository whose one commit is the work tree at `root` as it is now: tracked
 * and new files, uncommitted changes included, nothing git ignores (no node_modules, dist, .turbo).
 * Cloning it gives exactly what a fresh clone of this branch would give once committed.
 */
export async function snapshotWorkTree(root: string, dest: string): Promise<void> {
  const { stdout } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  )
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(dest, file)), { recursive: true })
    await copyFile(join(root, file), join(dest, file)).catch((error) => {
      if (error.code !== 'ENOENT') throw error // deleted in the work tree but not in git yet
    })
  }
  const git = (...args: string[]) => run('git', args, { cwd: dest })
  await git('init', '-q', '-b', 'main')
  await git('add', '-A')
  await git(
    '-c',
    'user.name=snapshot',
    '-c',
    'user.email=snapshot@example.test',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '-qm',
    'snapshot of the work tree',
  )
}

/** Every node_modules folder of an installed clone (the root's and each workspace package's). */
async function installFolders(dir: string, relative = ''): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(join(dir, relative), { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.git') continue
    const path = join(relative, entry.name)
    if (entry.name === 'node_modules') found.push(path)
    else found.push(...(await installFolders(dir, path)))
  }
  return found
}

/** Recreates the tree `from` at `to`: the same folders and symlinks, every file hard-linked. */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true })
  await Promise.all(
    (await readdir(from, { withFileTypes: true })).map(async (entry) => {
      const source = join(from, entry.name)
      const target = join(to, entry.name)
      if (entry.isSymbolicLink()) await symlink(await readlink(source), target)
      else if (entry.isDirectory()) await linkTree(source, target)
      else await link(source, target)
    }),
  )
}

/**
 * `git clone origin dest`, then the install. By default `pnpm install --frozen-lockfile` as the
 * README says, from pnpm's shared store (`--prefer-offline`). With `shareInstallOf`, the
 * node_modules folders of that clone (of the same origin, already installed) instead, hard-linked
 * as pnpm links its store: the same packages in a fraction of the time. pnpm's links inside them
 * are relative; only the NODE_PATH fallback in its .bin shims still names the first clone.
 */
export async function freshClone(
  origin: string,
  dest: string,
  pnpm: { pnpm: string; path: string },
  { shareInstallOf }: { shareInstallOf?: string } = {},
): Promise<void> {
  await run('git', ['clone', '-q', origin, dest])
  if (shareInstallOf) {
    for (const folder of await installFolders(shareInstallOf))
      await linkTree(join(shareInstallOf, folder), join(dest, folder))
    return
  }
  await run(pnpm.pnpm, ['install', '--frozen-lockfile', '--prefer-offline'], {
    cwd: dest,
    env: { ...environmentWithoutTurbo(), PATH: pnpm.path, CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  })
}
