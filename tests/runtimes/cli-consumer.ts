// A throw-away project that installs the packed CLI, as `npm install @codecatalyst-runs/cli`
// would: its tarball with the packed client and types beside it, and its one outside dependency
// (yocto-spinner, with yoctocolors) packed from the workspace's own install, all offline.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { preparePackedProject } from './packed-project.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

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
  const spinner = packageDir(join(root, 'apps/cli/package.json'), 'yocto-spinner')
  const colors = packageDir(join(spinner, 'package.json'), 'yoctocolors')
  const project = await preparePackedProject({
    work,
    name: 'cli-consumer',
    workspace: ['packages/types', 'packages/client', 'apps/cli'],
    installed: [spinner, colors],
  })
  const { dir } = project
  return {
    bin: join(dir, 'node_modules', '@codecatalyst-runs', 'cli', 'dist', 'main.js'),
    versions: {
      cli: await project.version('@codecatalyst-runs/cli'),
      client: await project.version('@codecatalyst-runs/client'),
    },
  }
}
