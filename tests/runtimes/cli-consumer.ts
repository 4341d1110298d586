// A throw-away project that installs the packed CLI, as `npm install @codecatalyst-runs/cli`
// would: its tarball with the packed client and types beside it, and its one outside dependency
// (yocto-spinner, with yoctocolors) packed from the workspace's own install, all offline.
import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const { packageManager } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))

export interface CliConsumer {
  /** The installed CLI's bin, which a runtime runs: `node <bin> --version`. */
  readonly bin: string
  /** The packed versions of the CLI and the client. */
  readonly versions: { readonly cli: string; readonly client: string }
}

/** The folder of an installed package, found from `from`'s package.json. */
function packageDir(from: string, name: string): string {
  return join(createRequire(from).resolve(name), '..')
}

export async function prepareCliConsumer(work: string): Promise<CliConsumer> {
  const packs = join(work, 'cli-packs')
  const dir = join(work, 'cli-consumer')
  await mkdir(packs, { recursive: true })
  await mkdir(dir, { recursive: true })
  for (const folder of ['packages/types', 'packages/client', 'apps/cli']) {
    await run('npx', ['-y', packageManager, 'pack', '--pack-destination', packs], {
      cwd: join(root, folder),
    })
  }
  const spinner = packageDir(join(root, 'apps/cli/package.json'), 'yocto-spinner')
  const colors = packageDir(join(spinner, 'package.json'), 'yoctocolors')
  for (const folder of [spinner, colors]) {
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', packs, folder], {
      cwd: packs,
    })
  }
  const tarballs = (await readdir(packs)).filter((file) => file.endsWith('.tgz'))
  if (tarballs.length !== 5) throw new Error(`expected five tarballs, got ${tarballs.join(', ')}`)
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'runtime-cli-consumer', private: true, type: 'module' }),
  )
  await run(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      ...tarballs.map((file) => join(packs, file)),
    ],
    { cwd: dir },
  )
  const version = async (name: string) =>
    JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8'))
      .version as string
  return {
    bin: join(dir, 'node_modules', '@codecatalyst-runs', 'cli', 'dist', 'main.js'),
    versions: {
      cli: await version('@codecatalyst-runs/cli'),
      client: await version('@codecatalyst-runs/client'),
    },
  }
}
