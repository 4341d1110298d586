// A throw-away project that installs the packed tarballs of both packages, as an npm user gets
// them, and the programs the runtimes run against them.
import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { preparePackedProject } from './packed-project.ts'

const programSources = fileURLToPath(new URL('./program', import.meta.url))

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
  const project = await preparePackedProject({
    work,
    name: 'consumer',
    workspace: ['packages/types', 'packages/client'],
  })
  const { dir } = project
  const versions: Record<string, string> = {}
  for (const name of ['@codecatalyst-runs/types', '@codecatalyst-runs/client']) {
    versions[name] = await project.version(name)
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
