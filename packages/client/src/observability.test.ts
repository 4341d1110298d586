// What a caller can see of and add to what the client does: the logger, the hooks, the headers
// option, the user agent, and the CODECATALYST_ENDPOINT variable.
import { readFileSync } from 'node:fs'
import { buildMain, runInput, validRun, where } from '@codecatalyst-runs/testing/fixtures'
import {
  type Handler,
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CodeCatalystConfigurationError,
  createCodeCatalystClient,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
} from './index.js'

const token = 'tok-LOGGED-NOWHERE-7f3e'
let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function serve(handler: Handler, maxRequests?: number) {
  server = await startLocalServer(handler, maxRequests)
  return server
}

/** A logger that keeps every line, by level. */
function recordingLogger() {
  const lines: Array<[string, string]> = []
  const logger = {
    debug: (line: string) => lines.push(['debug', line]),
    info: (line: string) => lines.push(['info', line]),
    warn: (line: string) => lines.push(['warn', line]),
    error: (line: string) => lines.push(['error', line]),
  }
  return { logger, lines }
}

describe('the logger', () => {
  it('gets one debug line per attempt: operation, method, path, status, attempt, delay, request id, duration', async () => {
    const { url } = await serve((_req, res, n) =>
      n === 0
        ? sendJson(res, 503, { message: 'busy' }, { 'x-amzn-requestid': 'req-1' })
        : sendJson(res, 200, validRun, { 'x-amzn-requestid': 'req-2' }),
    )
    const { logger, lines } = recordingLogger()
    await createCodeCatalystClient({ token, baseUrl: url, logger }).getWorkflowRun(runInput)
    const path = `/v1/spaces/my-space/projects/my-project/workflowRuns/${runInput.id}`
    expect(lines).toHaveLength(2)
    expect(lines[0]?.[0]).toBe('debug')
    expect(lines[0]?.[1]).toMatch(
      new RegExp(
        `^codecatalyst-runs GetWorkflowRun GET ${path}: 503, request id req-1, attempt 1, \\d+ ms, retrying in \\d+ ms$`,
      ),
    )
    expect(lines[1]?.[1]).toMatch(
      new RegExp(
        `^codecatalyst-runs GetWorkflowRun GET ${path}: 200, request id req-2, attempt 2, \\d+ ms$`,
      ),
    )
  })

  it('never writes the token, whatever fails', async () => {
    const faults: Handler[] = [
      (_req, res) =>
        sendJson(res, 400, { message: 'bad' }, { 'x-amzn-errortype': 'ValidationException' }),
      (_req, res) => sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '0' }),
      (_req, res) => sendJson(res, 503, { message: 'busy' }),
      (_req, res) => sendJson(res, 200, { nope: true }),
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"truncated":')
      },
      (_req, res) => {
        res.writeHead(302, { location: 'http://127.0.0.1:9/steal' })
        res.end()
      },
      (_req, res) => {
        res.socket?.destroy()
      },
      () => {}, // never answers: the attempt times out
    ]
    const { logger, lines } = recordingLogger()
    for (const fault of faults) {
      const { url } = await serve(fault)
      const client = createCodeCatalystClient({
        token,
        baseUrl: url,
        logger,
        timeoutMs: 100,
        maxAttempts: 2,
        hooks: { onRequest: () => {}, onResponse: () => {}, onRetry: () => {} },
      })
      await client.getWorkflowRun(runInput).catch(() => undefined)
      await client
        .waitForWorkflowRun(runInput, { pollIntervalMs: 5, timeoutMs: 300 })
        .catch(() => undefined)
      await server?.close()
      server = undefined
    }
    // Refused: nothing listens any more.
    await createCodeCatalystClient({ token, baseUrl: 'http://127.0.0.1:9', logger, maxAttempts: 2 })
      .getWorkflowRun(runInput)
      .catch(() => undefined)
    expect(lines.length).toBeGreaterThan(faults.length * 2)
    for (const [, line] of lines) {
      expect(line).not.toContain(token)
      expect(line.toLowerCase()).not.toContain('authorization')
      expect(line.toLowerCase()).not.toContain('cookie')
    }
  })
})

describe('the hooks', () => {
  it('see each attempt, answer and retry, and may add headers but not change the target', async () => {
    const { url, requests } = await serve((_req, res, n) =>
      n === 0
        ? sendJson(res, 503, { message: 'busy' }, { 'x-amzn-requestid': 'r-0' })
        : sendJson(res, 200, validRun, { 'x-amzn-requestid': 'r-1' }),
    )
    const requestsSeen: RequestEvent[] = []
    const responses: ResponseEvent[] = []
    const retries: RetryEvent[] = []
    const client = createCodeCatalystClient({
      token,
      baseUrl: url,
      hooks: {
        onRequest(event) {
          requestsSeen.push(event)
          expect(event.headers.has('authorization')).toBe(false) // never shown the token
          event.headers.set('traceparent', `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`)
          event.headers.set('authorization', 'Bearer stolen')
          ;(event as { url: string }).url = 'http://127.0.0.1:9/elsewhere'
        },
        onResponse: (event) => responses.push(event),
        onRetry: (event) => retries.push(event),
      },
    })
    await client.getWorkflowRun(runInput)
    expect(requestsSeen.map((event) => [event.operation, event.method, event.attempt])).toEqual([
      ['GetWorkflowRun', 'GET', 1],
      ['GetWorkflowRun', 'GET', 2],
    ])
    expect(requests).toHaveLength(2)
    for (const request of requests) {
      expect(request.url).toMatch(/^\/v1\/spaces\/my-space\//)
      expect(request.headers.traceparent).toMatch(/^00-a{32}-b{16}-01$/)
      expect(request.headers.authorization).toBe(`Bearer ${token}`)
    }
    expect(responses.map((event) => [event.status, event.requestId, event.attempt])).toEqual([
      [503, 'r-0', 1],
      [200, 'r-1', 2],
    ])
    for (const event of responses) expect(event.durationMs).toBeGreaterThanOrEqual(0)
    expect(retries).toHaveLength(1)
    expect(retries[0]).toMatchObject({ operation: 'GetWorkflowRun', attempt: 1 })
    expect(retries[0]?.error).toMatchObject({ status: 503, attempts: 1 })
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(0)
  })

  it('a hook that throws is reported to the logger, and the call goes on', async () => {
    const { url } = await serve((_req, res) => sendJson(res, 200, validRun))
    const { logger, lines } = recordingLogger()
    const run = await createCodeCatalystClient({
      token,
      baseUrl: url,
      logger,
      hooks: {
        onRequest: () => {
          throw new Error('metrics down')
        },
      },
    }).getWorkflowRun(runInput)
    expect(run.status).toBe('SUCCEEDED')
    expect(lines).toContainEqual([
      'warn',
      'codecatalyst-runs: the onRequest hook threw (metrics down); the call goes on.',
    ])
  })
})

describe('headers, user agent and endpoint', () => {
  it('sends the headers option and a user agent naming the client, the runtime and the app', async () => {
    const { url, requests } = await serve((_req, res) => sendJson(res, 200, validRun))
    await createCodeCatalystClient({
      token,
      baseUrl: url,
      headers: { 'x-team': 'release-train', Prefer: 'code=200' },
      appId: 'deploy-bot',
    }).getWorkflowRun(runInput)
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string }
    expect(requests[0]?.headers).toMatchObject({
      'x-team': 'release-train',
      prefer: 'code=200',
      'user-agent': `codecatalyst-runs/${version} node/${process.versions.node} app/deploy-bot`,
    })
  })

  it("lets an operation's own content type replace one in the headers option, whatever its case", async () => {
    const { url, requests } = await serve((_req, res) =>
      sendJson(res, 200, { ...where, workflowId: buildMain.id, id: 'run-1' }),
    )
    await createCodeCatalystClient({
      token,
      baseUrl: url,
      headers: { 'content-type': 'text/plain', 'X-Team': 'release-train' },
    }).startWorkflowRun({ ...where, workflowId: buildMain.id })
    expect(requests[0]?.headers['content-type']).toBe('application/json')
    expect(requests[0]?.headers['x-team']).toBe('release-train')
  })

  it('reads CODECATALYST_ENDPOINT as it reads CODECATALYST_TOKEN; baseUrl wins', async () => {
    const { url, requests } = await serve((_req, res) => sendJson(res, 200, validRun))
    process.env.CODECATALYST_ENDPOINT = `${url}/from-env`
    try {
      await createCodeCatalystClient({ token }).getWorkflowRun(runInput)
      await createCodeCatalystClient({ token, baseUrl: `${url}/from-option` }).getWorkflowRun(
        runInput,
      )
    } finally {
      delete process.env.CODECATALYST_ENDPOINT
    }
    expect(requests.map((request) => request.url.split('/v1/')[0])).toEqual([
      '/from-env',
      '/from-option',
    ])
  })
})

describe('the new options are checked like the old ones', () => {
  it.each([
    [{ retryMode: 'fast' }, 'retryMode'],
    [{ logger: {} }, 'logger'],
    [{ logger: { debug() {}, info() {}, warn() {} } }, 'logger'],
    [{ logger: 'console' }, 'logger'],
    [{ hooks: { onSend: () => {} } }, 'hooks'],
    [{ hooks: { onRequest: 'yes' } }, 'hooks'],
    [{ headers: { 'bad name': 'x' } }, 'headers'],
    [{ headers: { 'x-ok': 'line\r\nbreak' } }, 'headers'],
    [{ headers: { Authorization: 'Bearer other' } }, 'headers'],
    [{ headers: { 'x-number': 5 } }, 'headers'],
    [{ appId: 'my app' }, 'appId'],
    [{ appId: 'a'.repeat(51) }, 'appId'],
  ])('%j names %s', (options, option) => {
    let error: unknown
    try {
      createCodeCatalystClient({ token, ...(options as object) })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CodeCatalystConfigurationError)
    expect(error).toMatchObject({ option })
    expect((error as Error).message).toContain(option)
  })

  it('accepts console and both retry modes', () => {
    expect(() =>
      createCodeCatalystClient({ token, logger: console, retryMode: 'adaptive' }),
    ).not.toThrow()
    expect(() => createCodeCatalystClient({ token, retryMode: 'standard' })).not.toThrow()
  })
})
