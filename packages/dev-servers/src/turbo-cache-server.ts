// turborepo-remote-cache, the open-source turbo remote cache server, on 127.0.0.1 with its storage
// in a temp folder: for `pnpm cache-server`, the remote-cache tests and the pipeline benchmark.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { connect } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { stopProcess, stopWithThisProcess } from './child-process.ts'

const require = createRequire(import.meta.url)
const packageJson = require.resolve('turborepo-remote-cache/package.json')
const serverEntry = join(packageJson, '..', 'dist', 'cli.js')
export const serverVersion: string = JSON.parse(readFileSync(packageJson, 'utf8')).version

/** The team every clone of this repo uses unless told otherwise: the folder on the server. */
export const defaultTeam = 'codecatalyst-runs'

export interface CacheRequest {
  readonly method: string
  readonly url: string
  /** The status the server answered with, once it has. */
  readonly status?: number
}

export interface TurboCacheServer {
  /** Base URL, e.g. http://127.0.0.1:41234: what clones set as TURBO_API. */
  readonly url: string
  readonly pid: number
  /** The one token the server accepts: what clones set as TURBO_TOKEN. */
  readonly token: string
  /** The folder holding the artifacts, `<team>/<hash>` and `<team>/<hash>.tag` each. */
  readonly storage: string
  /** Every request the server has logged so far, in order, with its answer's status. */
  requests(): CacheRequest[]
  /**
   * The requests, once the server has answered every one it logged and then logged nothing for
   * `quietMs`: its log reaches this process a little after the client has its answer.
   */
  settledRequests(quietMs?: number): Promise<CacheRequest[]>
  /** Stops the server by its PID, waits for it to exit and removes its storage. */
  stop(): Promise<void>
}

/** A random secret of `bytes` bytes, as text (hex doubles the length). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('hex')
}

/** The variables that point turbo in a clone at the server; the key signs and checks artifacts. */
export function turboVariables(
  server: Pick<TurboCacheServer, 'url' | 'token'>,
  signatureKey: string,
  team = defaultTeam,
): Record<string, string> {
  return {
    TURBO_API: server.url,
    TURBO_TOKEN: server.token,
    TURBO_TEAM: team,
    TURBO_REMOTE_CACHE_SIGNATURE_KEY: signatureKey,
  }
}

/**
 * This machine's addresses other than loopback (link-local IPv6 aside): a server meant for
 * 127.0.0.1 only must not answer on any of them.
 */
function outsideAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && !entry.internal && !entry.address.startsWith('fe80'))
    .map((entry) => (entry as { address: string }).address)
}

function answersOn(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (answered: boolean) => {
      socket.destroy()
      resolve(answered)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** The addresses of this machine, other than loopback, where something answers on `port`. */
export async function reachableFromOutside(port: number): Promise<string[]> {
  const addresses = outsideAddresses()
  const answered = await Promise.all(addresses.map((address) => answersOn(address, port)))
  return addresses.filter((_, index) => answered[index])
}

/**
 * Starts turborepo-remote-cache on 127.0.0.1 and a free port, with local storage in a new temp
 * folder and a new token, and resolves once it listens there and nowhere else. Left to itself the
 * server listens on every interface, and its STORAGE_PATH is read relative to the temp folder;
 * both are set here explicitly.
 */
export async function startTurboCacheServer({
  timeoutMs = 30_000,
} = {}): Promise<TurboCacheServer> {
  const token = randomSecret(24)
  const storage = mkdtempSync(join(tmpdir(), 'codecatalyst-turbo-cache-'))
  const removeStorage = () => rmSync(storage, { recursive: true, force: true })

  const child = spawn(process.execPath, [serverEntry], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Only what is set here: nothing from the caller's environment (its own TURBO_TOKEN, S3
    // credentials, NODE_ENV=development, which would make the server read a .env file).
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      AUTH_MODE: 'static',
      TURBO_TOKEN: token,
      STORAGE_PROVIDER: 'local',
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: 'false',
      // The server never checks signatures: any value here only makes it keep each artifact's
      // signature tag and send it back. It is not the key, which only the clones hold: whoever
      // controls the server or its storage must not be able to sign.
      TURBO_REMOTE_CACHE_SIGNATURE_KEY: 'keep-artifact-tags',
      LOG_LEVEL: 'info',
    },
  })
  stopWithThisProcess(child)
  // Also when this process ends without calling stop() (Ctrl-C, a crashed test run); registered
  // after stopWithThisProcess, so that the server is killed first.
  process.once('exit', removeStorage)

  let output = ''
  let pending = ''
  const seen = new Map<string, { method: string; url: string; status?: number }>()
  let listening: string | undefined
  let lastOutputAt = Date.now()
  const onLine = (line: string) => {
    let entry: {
      message?: string
      reqId?: string
      req?: { method: string; url: string }
      res?: { statusCode: number }
    }
    try {
      entry = JSON.parse(line)
    } catch {
      return
    }
    if (entry.reqId && entry.req)
      seen.set(entry.reqId, { method: entry.req.method, url: entry.req.url })
    const request = entry.reqId ? seen.get(entry.reqId) : undefined
    if (request && entry.res) request.status = entry.res.statusCode
    const match = /^Server listening at (\S+)$/.exec(entry.message ?? '')
    if (match) listening ??= match[1]
  }
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk
    lastOutputAt = Date.now()
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) onLine(line)
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk
  })

  const stop = async () => {
    await stopProcess(child)
    removeStorage()
    process.off('exit', removeStorage)
  }
  const fail = async (reason: string): Promise<never> => {
    await stop()
    throw new Error(`turborepo-remote-cache ${reason}\n${output}`)
  }

  const deadline = Date.now() + timeoutMs
  while (!listening) {
    if (child.exitCode !== null || child.signalCode !== null)
      await fail('exited before it listened')
    if (Date.now() > deadline) await fail(`was not listening after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const requests = () => [...seen.values()].map((request) => ({ ...request }))
  const url = new URL(listening)
  if (url.hostname !== '127.0.0.1') await fail(`listens on ${listening}, not on 127.0.0.1`)
  const outside = await reachableFromOutside(Number(url.port))
  if (outside.length > 0)
    await fail(
      `answers on ${outside.join(', ')} port ${url.port}: it must listen on 127.0.0.1 only`,
    )

  return {
    url: url.origin,
    pid: child.pid as number,
    token,
    storage,
    requests,
    async settledRequests(quietMs = 150) {
      const deadline = Date.now() + 10_000
      while (
        Date.now() < deadline &&
        (Date.now() - lastOutputAt < quietMs ||
          [...seen.values()].some((request) => request.status === undefined))
      )
        await new Promise((resolve) => setTimeout(resolve, 25))
      return requests()
    },
    stop,
  }
}
