import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stopProcess, stopWithThisProcess } from '@codecatalyst-runs/dev-servers/child-process'

const require = createRequire(import.meta.url)
const verdaccioBin = join(require.resolve('verdaccio/package.json'), '..', 'bin', 'verdaccio')

export interface LocalRegistry {
  readonly url: string
  readonly pid: number
  /** Creates a user through the registry's API and returns its token. */
  addUser(name: string, password: string): Promise<string>
  /** Stops the registry by its PID and removes its storage. */
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * A real npm registry (Verdaccio) on 127.0.0.1, with its config and storage in a temp folder and
 * no uplinks: nothing it is asked for or given leaves the machine.
 */
export async function startVerdaccio({ timeoutMs = 30_000 } = {}): Promise<LocalRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'codecatalyst-registry-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const config = join(dir, 'config.yaml')
  await writeFile(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: pretty, level: warn }',
      'publish:',
      '  allow_offline: true',
      '',
    ].join('\n'),
  )
  const child = spawn(
    process.execPath,
    [verdaccioBin, '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  stopWithThisProcess(child)
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const stop = async () => {
    await stopProcess(child)
    await rm(dir, { recursive: true, force: true })
  }

  // Ready when it answers its ping; it never says so in a form worth parsing.
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`Verdaccio exited before it was ready:\n${output}`)
    }
    const ready = await fetch(`${url}/-/ping`).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`Verdaccio was not ready after ${timeoutMs} ms:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  return {
    url,
    pid: child.pid as number,
    stop,
    async addUser(name, password) {
      const response = await fetch(`${url}/-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password, email: `${name}@example.test`, type: 'user' }),
      })
      const body = (await response.json()) as { token?: string; error?: string }
      if (!response.ok || !body.token)
        throw new Error(`Could not create user ${name}: ${body.error ?? response.status}`)
      return body.token
    },
  }
}
