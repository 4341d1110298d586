// The runtimes the published client is proven on. Versions are exact: they key the install cache
// and are the versions the client README's "Runtimes" table names.
import type { NpmRuntime } from './runtime-cache.ts'

export interface ServerRuntime extends NpmRuntime {
  /** The name in the report, e.g. `Node 20`. */
  readonly name: string
  /** A note for the report and README, e.g. why this version. */
  readonly note?: string
  /** The command line that runs `program` with `args` (the runtime's binary first). */
  command(binary: string, program: string, args: readonly string[]): string[]
  /** Extra environment for the process. */
  env?(workDir: string): Record<string, string>
}

const node = (version: string, note?: string): ServerRuntime => ({
  name: `Node ${version.split('.')[0]}`,
  packageName: 'node',
  binName: 'node',
  version,
  ...(note ? { note } : {}),
  command: (binary, program, args) => [binary, program, ...args],
})

export const serverRuntimes: readonly ServerRuntime[] = [
  // The oldest Node the client's `engines` allows: AbortSignal.any arrived in 20.3.0.
  node('20.3.0', 'the `engines` floor'),
  node('22.23.3'),
  // The repo's root devDependency, the Node that runs the tests: reused, not downloaded again.
  node('24.21.0'),
  {
    name: 'Bun',
    packageName: 'bun',
    binName: 'bun',
    version: '1.4.5',
    command: (binary, program, args) => [binary, program, ...args],
  },
  {
    name: 'Deno',
    packageName: 'deno',
    binName: 'deno',
    version: '2.9.6',
    // Network to the loopback mock only: no env, read or write permission, so any hidden
    // `process.env` or file access in the client would fail the checks.
    command: (binary, program, args) => [
      binary,
      'run',
      '--no-prompt',
      '--allow-net=127.0.0.1',
      program,
      ...args,
    ],
    env: (workDir) => ({ DENO_DIR: `${workDir}/deno-dir`, DENO_NO_UPDATE_CHECK: '1' }),
  },
]
