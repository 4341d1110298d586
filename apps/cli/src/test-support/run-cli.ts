import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const cliPath = fileURLToPath(new URL('../../dist/main.js', import.meta.url))

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  env?: Record<string, string | undefined>
  /** Ask the Prism mock for this response (`code=404`, `example=failed`). */
  prefer?: string
  /** Called once the process has started, e.g. to signal it. */
  onSpawn?: (child: ChildProcess) => void
  timeoutMs?: number
}

export const token = 'cli-test-token-8f3a2c'

/** Runs the built CLI as a real process, off a TTY, and collects what it printed. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    CODECATALYST_TOKEN: token,
    ...options.env,
  }
  // The mock picks its answer from the Prefer header, which the CLI sends like any other.
  const headers = options.prefer ? ['--header', `Prefer: ${options.prefer}`] : []
  const child = spawn(process.execPath, [cliPath, ...args, ...headers], {
    env: Object.fromEntries(
      Object.entries(env).filter(([, value]) => value !== undefined),
    ) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  options.onSpawn?.(child)
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000)
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(killer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}
