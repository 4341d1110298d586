import { getEventListeners } from 'node:events'
import { buildMain, runInput, validRun, where } from '@codecatalyst-runs/testing/fixtures'
import {
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { randomToken } from './core.js'
import { StartWorkflowRun } from './generated/operations.gen.js'
import {
  CodeCatalystAbortError,
  CodeCatalystConnectionError,
  createCodeCatalystClient,
  createCodeCatalystCore,
  startWorkflowRun,
} from './index.js'

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('randomToken', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('is a UUID v4, also where crypto.randomUUID is missing (a browser page on plain http)', () => {
    expect(randomToken()).toMatch(uuidV4)
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(crypto) })
    const tokens = new Set(Array.from({ length: 200 }, () => randomToken()))
    expect(tokens.size).toBe(200)
    for (const token of tokens) expect(token).toMatch(uuidV4)
  })
})

describe('the core', () => {
  let server: LocalServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  const input = { ...where, workflowId: buildMain.id }

  it('says what it is when printed, and nothing of its token', () => {
    const core = createCodeCatalystCore({ token: 'secret-token', baseUrl: 'http://127.0.0.1:1' })
    expect(Object.prototype.toString.call(core)).toBe('[object CodeCatalystCore]')
    expect(String(core)).toBe('[object CodeCatalystCore]')
    expect(JSON.stringify(core)).not.toContain('secret-token')
  })

  it('runs an operation function on its own, without the whole client', async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, { ...input, id: 'run-1' }))
    const core = createCodeCatalystCore({ token: 't', baseUrl: server.url })
    expect(await startWorkflowRun(core, input)).toEqual({ ...input, id: 'run-1' })
  })

  it('does not resend an operation that is not safe to repeat once its answer is lost', async () => {
    server = await startLocalServer((_req, res) => {
      res.socket?.destroy()
    })
    const core = createCodeCatalystCore({ token: 't', baseUrl: server.url })
    const unsafe = { ...StartWorkflowRun, retrySafe: false, idempotencyToken: undefined }
    const error = await core.send(unsafe, input).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystConnectionError)
    expect(error).toMatchObject({ attempts: 1 })
    expect(server.requests).toHaveLength(1)
  })
})

describe("a caller's signal", () => {
  it('leaves no listener on a long-lived signal after its calls, retried ones included', async () => {
    let answers = 0
    const client = createCodeCatalystClient({
      token: 't',
      fetch: async () =>
        ++answers % 2 === 1 ? new Response('', { status: 503 }) : Response.json(validRun),
    })
    const shutdown = new AbortController()
    for (let call = 0; call < 20; call++) {
      await client.getWorkflowRun(runInput, { signal: shutdown.signal })
    }
    expect(answers).toBe(40)
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0)
  })

  it('still aborts an attempt under way', async () => {
    const shutdown = new AbortController()
    const client = createCodeCatalystClient({
      token: 't',
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
          shutdown.abort(new Error('shutting down'))
        }),
    })
    const error = await client
      .getWorkflowRun(runInput, { signal: shutdown.signal })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystAbortError)
    expect(error).toMatchObject({ cause: new Error('shutting down') })
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0)
  })
})

describe('timeoutMs: Infinity', () => {
  it('gives fetch no signal unless the call has one, and no timer', async () => {
    const signals: Array<AbortSignal | undefined | null> = []
    const client = createCodeCatalystClient({
      token: 't',
      timeoutMs: Number.POSITIVE_INFINITY,
      fetch: async (_input, init) => {
        signals.push(init?.signal)
        return Response.json(validRun)
      },
    })
    await client.getWorkflowRun(runInput)
    const controller = new AbortController()
    await client.getWorkflowRun(runInput, { signal: controller.signal })
    await client.getWorkflowRun(runInput, { timeoutMs: 5_000 })
    expect(signals[0]).toBeUndefined()
    expect(signals[1]).toBe(controller.signal)
    expect(signals[2]).toBeInstanceOf(AbortSignal)
  })
})
