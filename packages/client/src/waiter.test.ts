import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runInput, validRun } from '@codecatalyst-runs/testing/fixtures'
import type { LocalServer } from '@codecatalyst-runs/testing/local-server'
import { replay } from '@codecatalyst-runs/testing/replay'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CodeCatalystAbortError,
  CodeCatalystWaitTimeoutError,
  createCodeCatalystClient,
  isTerminalStatus,
  type WorkflowRun,
} from './index.js'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Serves the statuses in order, repeating the last one; a number is that error status. */
async function replayed(statuses: Array<string | number>) {
  server = await replay(statuses, validRun)
  return server
}

describe('isTerminalStatus', () => {
  it('is true for the seven final statuses only', () => {
    const terminal = [
      'SUCCEEDED',
      'FAILED',
      'STOPPED',
      'SUPERSEDED',
      'CANCELLED',
      'NOT_RUN',
      'ABANDONED',
    ]
    for (const status of terminal) expect(isTerminalStatus(status)).toBe(true)
    for (const status of ['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', 'STOPPING', 'PAUSED', '']) {
      expect(isTerminalStatus(status)).toBe(false)
    }
  })
})

describe('waitForWorkflowRun', () => {
  it('polls until a terminal status, calling onUpdate on each change', async () => {
    const { url, requests } = await replayed([
      'VALIDATING',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'SUCCEEDED',
    ])
    const client = createCodeCatalystClient({ token: 't', baseUrl: url })
    const updates: string[] = []

    const run = await client.waitForWorkflowRun(runInput, {
      pollIntervalMs: 5,
      onUpdate: (update) => updates.push(update.status),
    })

    expect(run.status).toBe('SUCCEEDED')
    expect(updates).toEqual(['VALIDATING', 'IN_PROGRESS', 'SUCCEEDED'])
    expect(requests).toHaveLength(4)
  })

  it('resolves with a FAILED run: the caller decides what it means', async () => {
    const { url } = await replayed(['IN_PROGRESS', 'FAILED'])
    const run = await createCodeCatalystClient({ token: 't', baseUrl: url }).waitForWorkflowRun(
      runInput,
      { pollIntervalMs: 5 },
    )
    expect(run.status).toBe('FAILED')
  })

  it('rides out retryable errors through the retry logic', async () => {
    const { url, requests } = await replayed(['IN_PROGRESS', 503, 'SUCCEEDED'])
    const run = await createCodeCatalystClient({ token: 't', baseUrl: url }).waitForWorkflowRun(
      runInput,
      { pollIntervalMs: 5 },
    )
    expect(run.status).toBe('SUCCEEDED')
    expect(requests).toHaveLength(3)
  })

  it('rejects with a timeout error carrying the last run seen', async () => {
    const { url } = await replayed(['IN_PROGRESS'])
    const error = await createCodeCatalystClient({ token: 't', baseUrl: url })
      .waitForWorkflowRun(runInput, { pollIntervalMs: 20, timeoutMs: 150 })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystWaitTimeoutError)
    const { lastRun } = error as CodeCatalystWaitTimeoutError<WorkflowRun>
    expect(lastRun?.status).toBe('IN_PROGRESS')
  })

  it('rejects with the abort when the signal fires', async () => {
    const { url } = await replayed(['IN_PROGRESS'])
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 60)
    const error = await createCodeCatalystClient({ token: 't', baseUrl: url })
      .waitForWorkflowRun(runInput, { pollIntervalMs: 20, signal: controller.signal })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystAbortError)
  })

  it('leaves no timer behind: a process whose only work was a wait exits at once', async () => {
    const { url } = await replayed(['IN_PROGRESS', 'SUCCEEDED'])
    const clientEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url))
    // The wait's own deadline is an hour away: if its timer leaked, the child would hang.
    const script = `
      const { createCodeCatalystClient } = await import(${JSON.stringify(clientEntry)})
      const client = createCodeCatalystClient({ token: 't', baseUrl: ${JSON.stringify(url)} })
      const run = await client.waitForWorkflowRun(${JSON.stringify(runInput)}, { pollIntervalMs: 5, timeoutMs: 3600000 })
      console.log(run.status)
    `
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    const code = await new Promise((resolve) =>
      child.once('exit', (exitCode, signal) => resolve(signal ?? exitCode)),
    )
    clearTimeout(killer)
    expect(output.trim()).toBe('SUCCEEDED')
    expect(code).toBe(0)
  })
})
