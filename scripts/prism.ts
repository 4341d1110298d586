import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { stopWithThisProcess } from './child-process.ts'
import { specPath } from './spec.ts'

export { specPath }

const require = createRequire(import.meta.url)
const prismEntry = require.resolve('@stoplight/prism-cli/dist/index.js')

export interface PrismMock {
  /** The mock's base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string
  readonly pid: number
  /** Stops the mock by its PID and waits for it to exit. */
  stop(): Promise<void>
}

/**
 * Starts Prism's mock server for the spec on 127.0.0.1 and a free port, and resolves once it
 * says it is listening (no sleeping). `--errors` turns a response that breaks the spec, such
 * as an invalid example, into a 500.
 */
export function startPrism({ timeoutMs = 30_000 } = {}): Promise<PrismMock> {
  const child = spawn(
    process.execPath,
    [
      prismEntry,
      'mock',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--no-multiprocess',
      '--errors',
      specPath,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
  )
  stopWithThisProcess(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`Prism did not start: ${reason}\n${output}`))
    }
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (!match?.[1]) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      // Keep draining the pipes so that Prism never blocks on a full buffer.
      child.stdout?.resume()
      child.stderr?.resume()
      resolve({ url: match[1], pid: child.pid as number, stop: () => stopChild(child) })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('error', (error) => fail(error.message))
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code})`))
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => process.kill(child.pid as number, 'SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    process.kill(child.pid as number, 'SIGTERM')
  })
}
