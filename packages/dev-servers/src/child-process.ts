import type { ChildProcess } from 'node:child_process'

const children = new Set<ChildProcess>()
let installed = false

/**
 * Makes sure a server started for tests or a demo never outlives this process: it is killed by
 * PID when this process exits or is interrupted, even if the code that started it never gets to
 * stop it.
 */
export function stopWithThisProcess(child: ChildProcess): void {
  children.add(child)
  child.once('exit', () => children.delete(child))
  if (installed) return
  installed = true
  const killAll = () => {
    for (const running of children) {
      try {
        process.kill(running.pid as number, 'SIGKILL')
      } catch {}
    }
  }
  process.once('exit', killAll)
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      killAll()
      process.exit(code)
    })
  }
}

/**
 * Stops a child by its PID: SIGTERM, and SIGKILL if it has not exited `graceMs` later. Resolves
 * once it has exited (at once if it already had).
 */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(child.pid as number, signal)
      } catch {}
    }
    const force = setTimeout(() => kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    kill('SIGTERM')
  })
}
