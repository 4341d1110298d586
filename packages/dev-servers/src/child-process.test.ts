import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { stopProcess, stopWithThisProcess } from './child-process.ts'

const prismModule = fileURLToPath(new URL('./prism.ts', import.meta.url))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function gone(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (alive(pid) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50))
  return !alive(pid)
}

// A harness process that starts Prism and then dies without stopping it: by a signal, or by
// failing. Prism must go with it.
it.each([
  ['interrupted (SIGINT)', 'SIGINT'],
  ['terminated (SIGTERM)', 'SIGTERM'],
  ['crashed (uncaught error)', 'crash'],
])('no Prism is left behind when the harness is %s', async (_case, how) => {
  const script = `
    const { startPrismMock } = await import(${JSON.stringify(prismModule)})
    const mock = await startPrismMock()
    console.log(mock.pid)
    if (${JSON.stringify(how)} === 'crash') setTimeout(() => { throw new Error('boom') }, 50)
    else setInterval(() => {}, 1000)
  `
  const harness = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const prismPid = await new Promise<number>((resolve) =>
    harness.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))),
  )
  expect(alive(prismPid)).toBe(true)
  if (how !== 'crash') harness.kill(how as NodeJS.Signals)
  await new Promise((resolve) => harness.once('exit', resolve))
  const stopped = await gone(prismPid)
  if (!stopped) process.kill(prismPid, 'SIGKILL')
  expect(stopped).toBe(true)
})

describe('stopProcess', () => {
  const start = (script: string) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] })
    stopWithThisProcess(child)
    // Ready once it says so: its SIGTERM handler, if any, is in place.
    return new Promise<typeof child>((resolve) => child.stdout.once('data', () => resolve(child)))
  }

  it('stops a child with SIGTERM', async () => {
    const child = await start('console.log("ready"); setInterval(() => {}, 1000)')
    await stopProcess(child, 10_000)
    expect(child.signalCode).toBe('SIGTERM')
  })

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const child = await start(
      'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)',
    )
    await stopProcess(child, 200)
    expect(child.signalCode).toBe('SIGKILL')
  })

  it('resolves at once for a child that has already exited', async () => {
    const child = await start('console.log("ready")')
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
    await stopProcess(child)
    expect(child.exitCode).toBe(0)
  })
})
