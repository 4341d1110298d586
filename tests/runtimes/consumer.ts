// A throw-away project that installs the packed tarballs of both packages, as an npm user gets
// them, and the programs the runtimes run against them.
import { execFile } from 'node:child_process'
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const programSources = fileURLToPath(new URL('./program', import.meta.url))
const { packageManager } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))

export interface Consumer {
  /** The project folder: its node_modules holds the installed tarballs. */
  readonly dir: string
  /** The program Node, Bun and Deno run; it imports the installed client. */
  readonly program: string
  /** The browser program: the installed client bundled by esbuild, as a web app ships it. */
  readonly browserBundle: Uint8Array
  /** The packed versions, e.g. { '@codecatalyst-runs/client': '0.1.0', … }. */
  readonly versions: Record<string, string>
}

/** Packs both packages (they must be built), installs the tarballs and builds the programs. */
export async function prepareConsumer(work: string): Promise<Consumer> {
  const packs = join(work, 'packs')
  const dir = join(work, 'consumer')
  await mkdir(packs, { recursive: true })
  await mkdir(dir, { recursive: true })
  // pnpm pack, as `pnpm publish` packs: `workspace:*` becomes the types package's exact version.
  for (const name of ['types', 'client']) {
    await run('npx', ['-y', packageManager, 'pack', '--pack-destination', packs], {
      cwd: join(root, 'packages', name),
    })
  }
  const tarballs = (await readdir(packs)).filter((file) => file.endsWith('.tgz'))
  if (tarballs.length !== 2) throw new Error(`expected two tarballs, got ${tarballs.join(', ')}`)

  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'runtime-consumer', private: true, type: 'module' }),
  )
  // Offline: the client's only dependency is the types tarball installed beside it.
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
  const versions: Record<string, string> = {}
  for (const name of ['@codecatalyst-runs/types', '@codecatalyst-runs/client']) {
    const manifest = join(dir, 'node_modules', name, 'package.json')
    versions[name] = JSON.parse(await readFile(manifest, 'utf8')).version
  }

  // Bundled from inside the consumer, so that the client resolves to the installed tarball and
  // never to the workspace's own package.
  await cp(programSources, join(dir, 'src'), { recursive: true })
  const program = join(dir, 'program.mjs')
  await build({
    entryPoints: [join(dir, 'src', 'main.ts')],
    outfile: program,
    bundle: true,
    external: ['@codecatalyst-runs/client'],
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'silent',
  })
  const browser = await build({
    entryPoints: [join(dir, 'src', 'browser.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  const browserBundle = browser.outputFiles[0]?.contents
  if (!browserBundle) throw new Error('esbuild produced no browser bundle')
  return { dir, program, browserBundle, versions }
}
