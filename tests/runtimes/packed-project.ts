// A throw-away project that installs packed tarballs, as an npm user gets them: the workspace's
// packages packed with pnpm (as `pnpm publish` packs them: `workspace:*` becomes an exact
// version), outside packages packed from the workspace's own install, and installed offline
// unless packages from the registry are asked for.
import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const { packageManager } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))

export interface PackedProjectOptions {
  /** The folder it is made in (`<name>` and `<name>-packs` below it). */
  readonly work: string
  readonly name: string
  /** Workspace packages to pack, as folders of the repo (they must be built): `packages/client`. */
  readonly workspace: readonly string[]
  /** Installed packages to pack as they are (absolute folders), for a project with no registry. */
  readonly installed?: readonly string[]
  /** Packages from the npm registry (`name@version`); without any, the install is offline. */
  readonly registry?: readonly string[]
}

export interface PackedProject {
  /** The project folder: its node_modules holds what was installed. */
  readonly dir: string
  /** The installed version of a package. */
  version(name: string): Promise<string>
}

export async function preparePackedProject(options: PackedProjectOptions): Promise<PackedProject> {
  const { work, name, workspace, installed = [], registry = [] } = options
  const packs = join(work, `${name}-packs`)
  const dir = join(work, name)
  await mkdir(packs, { recursive: true })
  await mkdir(dir, { recursive: true })
  for (const folder of workspace) {
    await run('npx', ['-y', packageManager, 'pack', '--pack-destination', packs], {
      cwd: join(root, folder),
    })
  }
  for (const folder of installed) {
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', packs, folder], {
      cwd: packs,
    })
  }
  const tarballs = (await readdir(packs)).filter((file) => file.endsWith('.tgz'))
  const expected = workspace.length + installed.length
  if (tarballs.length !== expected) {
    throw new Error(`expected ${expected} tarballs, got ${tarballs.join(', ')}`)
  }
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module' }),
  )
  await run(
    'npm',
    [
      'install',
      registry.length === 0 ? '--offline' : '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      ...tarballs.map((file) => join(packs, file)),
      ...registry,
    ],
    { cwd: dir },
  )
  return {
    dir,
    version: async (pkg) =>
      JSON.parse(await readFile(join(dir, 'node_modules', pkg, 'package.json'), 'utf8')).version,
  }
}
