// `pnpm cache-server` as a user runs it: what it prints, where it listens, what it accepts, and
// that Ctrl-C stops it and deletes its storage.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { networkInterfaces } from 'node:os'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { stopProcess } from '@codecatalyst-runs/dev-servers/child-process'
import { reachableFromOutside } from '@codecatalyst-runs/dev-servers/turbo-cache-server'
import { environmentWithoutTurbo } from '@codecatalyst-runs/testing/fresh-clone'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const script = fileURLToPath(new URL('../../scripts/cache-server.ts', import.meta.url))

let child: ChildProcess
let printed = ''
let exported: Record<string, string> = {}
let storage = ''

function artifactUrl(hash: string): string {
  return `${exported.TURBO_API}/v8/artifacts/${hash}?slug=${exported.TURBO_TEAM}`
}

beforeAll(async () => {
  // Its own process group, as in a terminal, where Ctrl-C reaches the script and the server.
  child = spawn(process.execPath, [script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: environmentWithoutTurbo(),
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No prompt after 30 s:\n${printed}`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk
      if (printed.includes('Press Ctrl-C')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      printed += chunk
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`pnpm cache-server exited (${code}):\n${printed}`))
    })
  })
  exported = Object.fromEntries(
    [...printed.matchAll(/^export (TURBO_\w+)=(\S+)$/gm)].map((match) => [match[1], match[2]]),
  )
  storage = /^Storage: (\S+)/m.exec(printed)?.[1] ?? ''
}, 60_000)

afterAll(async () => {
  if (!child) return
  // When a test failed before Ctrl-C: SIGTERM first, so that the script stops the server and its
  // exit hook deletes the storage; SIGKILL only if it has not exited after the grace period.
  await stopProcess(child)
  // What a killed script could not clean up: the server in its process group, and the storage.
  try {
    process.kill(-(child.pid as number), 'SIGKILL')
  } catch {} // the group is empty: the script stopped the server
  if (storage) await rm(storage, { recursive: true, force: true })
})

describe('pnpm cache-server', () => {
  it('prints the four variables to export, for a server on 127.0.0.1', () => {
    expect(Object.keys(exported).sort()).toEqual([
      'TURBO_API',
      'TURBO_REMOTE_CACHE_SIGNATURE_KEY',
      'TURBO_TEAM',
      'TURBO_TOKEN',
    ])
    expect(new URL(exported.TURBO_API as string).hostname).toBe('127.0.0.1')
    // turbo.json's futureFlags.longerSignatureKey refuses keys under 32 bytes.
    expect(exported.TURBO_REMOTE_CACHE_SIGNATURE_KEY?.length).toBeGreaterThanOrEqual(32)
    expect(existsSync(storage), storage).toBe(true)
  })

  it("answers on 127.0.0.1 only: not on any of this machine's other addresses", async () => {
    expect(await reachableFromOutside(Number(new URL(exported.TURBO_API as string).port))).toEqual(
      [],
    )
  })

  it('checks the token on the artifact routes (its status route answers without one)', async () => {
    const status = async (url: string, headers: Record<string, string> = {}) => {
      const response = await fetch(url, { headers })
      await response.body?.cancel()
      return response.status
    }
    const token = { authorization: `Bearer ${exported.TURBO_TOKEN}` }
    expect(await status(artifactUrl('0123456789abcdef'), token)).toBe(404)
    expect(await status(artifactUrl('0123456789abcdef'), { authorization: 'Bearer wrong' })).toBe(
      401,
    )
    expect(await status(artifactUrl('0123456789abcdef'))).toBe(400)
    expect(await status(`${exported.TURBO_API}/v8/artifacts/status`)).toBe(200)
  })

  it("keeps each artifact's signature tag and sends it back, which signed clones need", async () => {
    const put = await fetch(artifactUrl('fedcba9876543210'), {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${exported.TURBO_TOKEN}`,
        'content-type': 'application/octet-stream',
        'x-artifact-tag': 'the-tag',
      },
      body: Buffer.from('an artifact'),
    })
    expect(put.status).toBe(200)
    const got = await fetch(artifactUrl('fedcba9876543210'), {
      headers: { authorization: `Bearer ${exported.TURBO_TOKEN}` },
    })
    expect(got.headers.get('x-artifact-tag')).toBe('the-tag')
    expect(await got.text()).toBe('an artifact')
  })

  it('stops on Ctrl-C: the server is gone and its storage deleted', async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    )
    process.kill(-(child.pid as number), 'SIGINT')
    expect(await exited).toBe(130)
    await expect(fetch(`${exported.TURBO_API}/v8/artifacts/status`)).rejects.toThrow()
    expect(existsSync(storage), storage).toBe(false)
    expect(printed).toContain('Cache server stopped, storage deleted.')
  })

  it('refuses arguments, naming the one it got', async () => {
    const failure = await run(process.execPath, [script, '--port', '3000']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failure?.code).toBe(2)
    expect(failure?.stderr).toMatch(/takes no arguments.*--port/)
  })
})

describe('the loopback check', () => {
  it("finds a server listening on every interface through this machine's other addresses", async () => {
    const probe = async (host: string) => {
      const server = createServer()
      await new Promise<void>((resolve) => server.listen(0, host, resolve))
      const { port } = server.address() as { port: number }
      try {
        return await reachableFromOutside(port)
      } finally {
        server.close()
      }
    }
    const everywhere = await probe('0.0.0.0')
    const loopback = await probe('127.0.0.1')
    expect(loopback).toEqual([])
    // Every IPv4 address of the machine other than loopback answers for 0.0.0.0.
    const ipv4 = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry && !entry.internal && entry.family === 'IPv4')
      .map((entry) => entry?.address)
    expect(everywhere.filter((address) => address.includes('.')).sort()).toEqual(ipv4.sort())
  })
})
