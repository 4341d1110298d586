// Prism, started from the spec in either of its two modes: the mock (answers from the spec's
// examples) and the validation proxy (forwards to a real server and checks both directions).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { stopProcess, stopWithThisProcess } from './child-process.ts'
import { specPath } from './spec-path.ts'

const require = createRequire(import.meta.url)
const prismEntry = require.resolve('@stoplight/prism-cli/dist/index.js')

export interface PrismServer {
  /** Prism's base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string
  readonly pid: number
  /** Stops Prism by its PID and waits for it to exit. */
  stop(): Promise<void>
}

export interface PrismOptions {
  readonly timeoutMs?: number
  /** The OpenAPI document Prism serves (default: the repo's `spec/codecatalyst.openapi.yaml`). */
  readonly spec?: string
}

export interface PrismProxyOptions extends PrismOptions {
  /**
   * Whether the proxy checks requests too (default true). With false it checks only the
   * upstream's answers, and forwards every request it can route and whose bearer token it
   * accepts, for an upstream that answers bad requests itself.
   */
  readonly validateRequests?: boolean
}

/**
 * Prism's mock of the spec. Every request is checked against the spec, and `--errors` turns a
 * response that breaks it, such as an invalid example, into a 500.
 */
export function startPrismMock({
  spec = specPath,
  ...options
}: PrismOptions = {}): Promise<PrismServer> {
  return startPrism(['mock', spec], options)
}

/**
 * Prism's validation proxy in front of `upstream`: every answer of the upstream is checked, and
 * with `--errors` one that breaks the spec becomes a 500 whose `sl-violations` header lists
 * what is wrong. Prism answers some requests itself and never forwards them: 401 without a
 * bearer token, 404 or 405 for a path or method the spec does not have, and (unless
 * `validateRequests` is false) 422 for a parameter that breaks the spec.
 */
export function startPrismProxy(
  upstream: string,
  { validateRequests = true, spec = specPath, ...options }: PrismProxyOptions = {},
): Promise<PrismServer> {
  return startPrism(
    ['proxy', spec, upstream, ...(validateRequests ? [] : ['--validate-request=false'])],
    options,
  )
}

/**
 * Starts Prism on 127.0.0.1 and a free port and resolves once it says it is listening (no
 * sleeping). It is stopped by PID, and killed with this process if nobody stops it.
 */
function startPrism(
  modeArguments: readonly string[],
  { timeoutMs = 30_000 }: PrismOptions,
): Promise<PrismServer> {
  const child = spawn(
    process.execPath,
    [
      prismEntry,
      ...modeArguments,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--no-multiprocess',
      '--errors',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
  )
  stopWithThisProcess(child)
  let output = ''
  let listening = false
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`Prism (${modeArguments[0]}) did not start: ${reason}\n${output}`))
    }
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (!match?.[1]) return
      clearTimeout(timer)
      listening = true
      child.off('exit', onEarlyExit)
      child.stdout?.off('data', onData)
      // Keep draining the pipes so that Prism never blocks on a full buffer.
      child.stdout?.resume()
      child.stderr?.resume()
      resolve({ url: match[1], pid: child.pid as number, stop: () => stopProcess(child) })
    }
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${signal ?? code})`)
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      if (!listening) output += chunk.toString()
    })
    child.once('error', (error) => fail(error.message))
    child.once('exit', onEarlyExit)
  })
}
