// Runs one runtime's program as a real process and reads the one-line JSON report it prints.
import { spawn } from 'node:child_process'
import { stopWithThisProcess } from '@codecatalyst-runs/dev-servers/child-process'

export interface ProcessOutcome {
  /** The parsed last line of stdout, when the program printed one. */
  readonly report: unknown
  readonly ms: number
  /** Why the process failed: non-zero exit, no report, or left running after its report. */
  readonly error?: string
}

/**
 * Spawns `command` and waits for it to exit. A program that has printed its report but is still
 * running `exitGraceMs` later has left a handle open (a timer, a socket) and fails; so does one
 * that runs past `timeoutMs`. Either way it is killed by PID.
 */
export function runProcess(
  command: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number; exitGraceMs: number },
): Promise<ProcessOutcome> {
  const [file, ...args] = command as [string, ...string[]]
  const start = performance.now()
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  stopWithThisProcess(child)
  let stdout = ''
  let stderr = ''
  let killedBecause: string | undefined
  const kill = (reason: string) => {
    killedBecause ??= reason
    try {
      process.kill(child.pid as number, 'SIGKILL')
    } catch {}
  }
  const deadline = setTimeout(
    () => kill(`still running after ${options.timeoutMs} ms`),
    options.timeoutMs,
  )
  let grace: NodeJS.Timeout | undefined
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (!grace && stdout.includes('\n')) {
      grace = setTimeout(
        () =>
          kill(
            `printed its report but had not exited ${options.exitGraceMs} ms later: a handle was left open`,
          ),
        options.exitGraceMs,
      )
    }
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  return new Promise((resolve) => {
    const finish = (exit: string | undefined) => {
      clearTimeout(deadline)
      clearTimeout(grace)
      const ms = performance.now() - start
      const lastLine = stdout.trim().split('\n').at(-1) ?? ''
      let report: unknown
      try {
        report = lastLine ? JSON.parse(lastLine) : undefined
      } catch {}
      const problem =
        killedBecause ?? exit ?? (report === undefined ? 'printed no report' : undefined)
      resolve({
        report,
        ms,
        ...(problem
          ? { error: `${problem}\nstdout: ${stdout.trim()}\nstderr: ${stderr.trim()}` }
          : {}),
      })
    }
    child.once('error', (error) => finish(`could not start: ${error.message}`))
    child.once('close', (code, signal) =>
      finish(code === 0 ? undefined : `exited with ${signal ?? `code ${code}`}`),
    )
  })
}
