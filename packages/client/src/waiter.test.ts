import { spawn } from 'node:child_process'
import { getEventListeners } from 'node:events'
import { fileURLToPath } from 'node:url'
import { runInput, validRun } from '@codecatalyst-runs/testing/fixtures'
import {
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import { replay } from '@codecatalyst-runs/testing/replay'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CodeCatalystAbortError,
  CodeCatalystWaitTimeoutError,
  createCodeCatalystClient,
  isTerminalStatus,
  ResourceNotFoundException,
  type RetryEvent,
  type WorkflowRun,
} from './index.js'
import { pollDelay } from './waiter.js'

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

describe('waiters that spread out and hold on', () => {
  it('each wait between polls is drawn within ±20 % of pollIntervalMs, its mean', () => {
    expect(pollDelay(1000, 0)).toBe(800)
    expect(pollDelay(1000, 0.5)).toBe(1000)
    expect(pollDelay(1000, 0.999999)).toBeCloseTo(1200, 2)
    const delays = Array.from({ length: 5000 }, () => pollDelay(1000))
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(800)
    expect(Math.max(...delays)).toBeLessThanOrEqual(1200)
    const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length
    expect(mean).toBeGreaterThan(980)
    expect(mean).toBeLessThan(1020)
    // Spread over the whole range, so that waiters started together drift apart.
    expect(Math.min(...delays)).toBeLessThan(820)
    expect(Math.max(...delays)).toBeGreaterThan(1180)
  })

  it('outlives polls that still fail after their own retries, and reports them', async () => {
    // Four 503s in a row: more than one poll's three attempts.
    const { url, requests } = await replayed(['IN_PROGRESS', 503, 503, 503, 503, 'SUCCEEDED'])
    const retries: RetryEvent[] = []
    const run = await createCodeCatalystClient({
      token: 't',
      baseUrl: url,
      hooks: { onRetry: (event) => retries.push(event) },
    }).waitForWorkflowRun(runInput, { pollIntervalMs: 5 })
    expect(run.status).toBe('SUCCEEDED')
    expect(requests).toHaveLength(6)
    // Three retries inside the polls, and one poll the waiter tried again.
    const pollFailures = retries.filter((event) => event.error.attempts === 3)
    expect(pollFailures).toHaveLength(1)
    expect(pollFailures[0]?.error).toMatchObject({ status: 503 })
  })

  it('outlives throttling too, with maxAttempts 1', async () => {
    server = await startLocalServer((_req, res, n) =>
      n < 3
        ? sendJson(
            res,
            429,
            { message: 'Rate exceeded' },
            { 'x-amzn-errortype': 'ThrottlingException' },
          )
        : sendJson(res, 200, { ...validRun, status: 'SUCCEEDED' }),
    )
    const run = await createCodeCatalystClient({
      token: 't',
      baseUrl: server.url,
      maxAttempts: 1,
    }).waitForWorkflowRun(runInput, { pollIntervalMs: 5 })
    expect(run.status).toBe('SUCCEEDED')
  }, 30_000)

  it('a poll that fails with an error that is not retryable ends the wait at once', async () => {
    const { url, requests } = await replayed(['IN_PROGRESS', 404])
    const error = await createCodeCatalystClient({ token: 't', baseUrl: url })
      .waitForWorkflowRun(runInput, { pollIntervalMs: 5 })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect(requests).toHaveLength(2)
  })

  it('a wait that runs out while the polls fail says why in its cause', async () => {
    const { url } = await replayed([503])
    const error = await createCodeCatalystClient({ token: 't', baseUrl: url, maxAttempts: 1 })
      .waitForWorkflowRun(runInput, { pollIntervalMs: 5, timeoutMs: 300 })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystWaitTimeoutError)
    expect((error as Error).cause).toMatchObject({ status: 503 })
  })
})

describe("a wait on a caller's long-lived signal", () => {
  it('leaves no listener on it, whether the wait ends, fails or runs out', async () => {
    let answers = 0
    const statuses = ['IN_PROGRESS', 503, 'SUCCEEDED']
    const client = createCodeCatalystClient({
      token: 't',
      maxAttempts: 1,
      fetch: async () => {
        const status = statuses[answers++ % statuses.length]
        return typeof status === 'number'
          ? new Response('', { status })
          : Response.json({ ...validRun, status })
      },
    })
    const shutdown = new AbortController()
    for (let wait = 0; wait < 10; wait++) {
      const run = await client.waitForWorkflowRun(runInput, {
        pollIntervalMs: 1,
        signal: shutdown.signal,
      })
      expect(run.status).toBe('SUCCEEDED')
    }
    const error = await client
      .waitForWorkflowRun(runInput, { pollIntervalMs: 50, timeoutMs: 20, signal: shutdown.signal })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystWaitTimeoutError)
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0)
  })
})
