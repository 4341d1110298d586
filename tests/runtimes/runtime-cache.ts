// Runtimes that ship on the npm registry (node, bun, deno), installed once per version into a
// cache outside the work tree and shared by every clone and run on the machine, unless the repo
// itself already depends on that exact package version.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const requireFromRoot = createRequire(new URL('../../package.json', import.meta.url))

export interface NpmRuntime {
  /** The registry package that ships the binary, e.g. `node`, `bun`, `deno`. */
  readonly packageName: string
  /** An exact version: the cache is keyed by it, so a run never asks the registry again. */
  readonly version: string
  /** The command the package links into node_modules/.bin. */
  readonly binName: string
}

/** `$XDG_CACHE_HOME/codecatalyst-runs/runtimes`, or `~/.cache/codecatalyst-runs/runtimes`. */
export function runtimeCacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'codecatalyst-runs', 'runtimes')
}

/**
 * The runtime's binary from the repo's own install, when the root package depends on exactly
 * `packageName@version`: the root devDependency `node@24.21.0`, which also runs the tests, is the
 * same registry package, so there is nothing to download for it.
 */
function binaryInstalledWithTheRepo(runtime: NpmRuntime): string | undefined {
  let manifestPath: string
  try {
    manifestPath = requireFromRoot.resolve(`${runtime.packageName}/package.json`)
  } catch {
    return undefined
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  if (manifest.version !== runtime.version) return undefined
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[runtime.binName]
  const binary = bin ? join(dirname(manifestPath), bin) : undefined
  return binary && existsSync(binary) ? binary : undefined
}

/**
 * The path of the runtime's binary: the repo's own when it has that exact version (see above),
 * otherwise from the cache, installing `packageName@version` with npm first when the
 * cache does not have it. The install goes to a temporary folder that is renamed into place only
 * once the binary answers `--version`, so that an interrupted or concurrent install never leaves
 * a half-filled folder behind that a later run would trust.
 */
export async function installedRuntime(runtime: NpmRuntime): Promise<string> {
  const ownBinary = binaryInstalledWithTheRepo(runtime)
  if (ownBinary) return ownBinary
  const root = runtimeCacheRoot()
  const folder = join(root, `${runtime.packageName}@${runtime.version}`)
  const binary = (dir: string) => join(dir, 'node_modules', '.bin', runtime.binName)
  if (existsSync(binary(folder))) return binary(folder)

  await mkdir(root, { recursive: true })
  const staging = await mkdtemp(join(root, `.installing-${runtime.packageName}-`))
  try {
    await writeFile(
      join(staging, 'package.json'),
      JSON.stringify({
        private: true,
        dependencies: { [runtime.packageName]: runtime.version },
        // The package's install script puts the binary in place; npm 11 asks for it to be named.
        allowScripts: { [runtime.packageName]: true },
      }),
    )
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], {
      cwd: staging,
      env: { ...process.env, npm_config_update_notifier: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(
        `npm could not install ${runtime.packageName}@${runtime.version} into ${staging}:\n${error.stderr || error.message}`,
      )
    })
    const { stdout } = await run(binary(staging), ['--version']).catch(
      (error: { message: string }) => {
        throw new Error(
          `${runtime.packageName}@${runtime.version} installed, but its binary does not run: ${error.message}`,
        )
      },
    )
    if (!stdout.includes(runtime.version)) {
      throw new Error(
        `${runtime.packageName}@${runtime.version} installed, but its binary says ${stdout.trim()}`,
      )
    }
    try {
      await rename(staging, folder)
    } catch (error) {
      // Another run installed the same version meanwhile: keep theirs.
      if (!existsSync(binary(folder))) throw error
    }
    return binary(folder)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}
