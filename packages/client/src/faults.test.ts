import { buildMain, runInput, validRun, where } from '@codecatalyst-runs/testing/fixtures'
import {
  type Handler,
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import { expectNoToken } from '@codecatalyst-runs/testing/no-token'
import { afterEach, describe, expect, it } from 'vitest'
import {
  AccessDeniedException,
  CodeCatalystAbortError,
  CodeCatalystConnectionError,
  CodeCatalystError,
  CodeCatalystResponseError,
  CodeCatalystServiceError,
  CodeCatalystTimeoutError,
  ConflictException,
  createCodeCatalystClient,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from './index.js'

const token = 'tok-SECRET-4c1d9e'
let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function serve(handler: Handler) {
  server = await startLocalServer(handler)
  return server
}

function clientFor(url: string, options: { maxAttempts?: number; timeoutMs?: number } = {}) {
  return createCodeCatalystClient({ token, baseUrl: url, ...options })
}

async function failure(promise: Promise<unknown>): Promise<CodeCatalystError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(CodeCatalystError)
  return error as CodeCatalystError
}

describe('retries', () => {
  it('503 then 200: retried once, returns the run', async () => {
    const { url, requests } = await serve((_req, res, n) =>
      n === 0 ? sendJson(res, 503, { message: 'busy' }) : sendJson(res, 200, validRun),
    )
    const run = await clientFor(url).getWorkflowRun(runInput)
    expect(run.status).toBe('SUCCEEDED')
    expect(requests).toHaveLength(2)
  })

  it('429 with retry-after in seconds waits at least that long', async () => {
    const { url, requests } = await serve((_req, res, n) =>
      n === 0
        ? sendJson(res, 429, { message: 'Rate exceeded' }, { 'retry-after': '1' })
        : sendJson(res, 200, validRun),
    )
    await clientFor(url).getWorkflowRun(runInput)
    expect(requests).toHaveLength(2)
    const [first, second] = requests.map((request) => request.at)
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(990)
  })

  it('429 with retry-after as an HTTP date waits until that date', async () => {
    let retryAt = 0
    const { url, requests } = await serve((_req, res, n) => {
      if (n > 0) return sendJson(res, 200, validRun)
      const date = new Date(Date.now() + 2000).toUTCString() // whole seconds: 1–2 s away
      retryAt = Date.parse(date)
      sendJson(res, 429, { message: 'Rate exceeded' }, { 'retry-after': date })
    })
    await clientFor(url).getWorkflowRun(runInput)
    expect(requests).toHaveLength(2)
    expect(requests[1]?.at).toBeGreaterThanOrEqual(retryAt - 10)
  })

  it('a retry-after beyond 60 s is not waited for: the error is thrown at once', async () => {
    const { url, requests } = await serve((_req, res) =>
      sendJson(res, 503, { message: 'later' }, { 'retry-after': '3600' }),
    )
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error).toBeInstanceOf(CodeCatalystServiceError)
    expect(error.attempts).toBe(1)
    expect(requests).toHaveLength(1)
  })

  it('a connection reset mid-response is retried, and reported as a connection error', async () => {
    const { url, requests } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' })
      res.write('{"spaceName":"my-sp')
      setTimeout(() => res.socket?.destroy(), 5)
    })
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error).toBeInstanceOf(CodeCatalystConnectionError)
    expect(error.attempts).toBe(3)
    expect(requests).toHaveLength(3)
    expectNoToken(token, error)
  })

  it('a refused connection is retried and reported as a connection error', async () => {
    const { url } = await serve(() => {})
    await server?.close()
    server = undefined
    const error = await failure(clientFor(url, { maxAttempts: 2 }).getWorkflowRun(runInput))
    expect(error).toBeInstanceOf(CodeCatalystConnectionError)
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.attempts).toBe(2)
  })

  it('a slow response past the timeout is a timeout, not an abort, and is retried', async () => {
    const { url, requests } = await serve((_req, res) => {
      setTimeout(() => sendJson(res, 200, validRun), 1000)
    })
    const error = await failure(
      clientFor(url, { timeoutMs: 100, maxAttempts: 2 }).getWorkflowRun(runInput),
    )
    expect(error).toBeInstanceOf(CodeCatalystTimeoutError)
    expect(error).not.toBeInstanceOf(CodeCatalystAbortError)
    expect(error.attempts).toBe(2)
    expect(requests).toHaveLength(2)
  })

  it('an HTML 502 from a proxy is retried, then thrown as a plain service error', async () => {
    const { url, requests } = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>')
    })
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error.constructor).toBe(CodeCatalystServiceError)
    expect(error).toMatchObject({ status: 502, retryable: true, errorType: undefined, attempts: 3 })
    expect(error.message).toBe('HTTP 502 Bad Gateway.')
    expect(requests).toHaveLength(3)
  })

  it('maxAttempts: 1 sends one request and throws its error', async () => {
    const { url, requests } = await serve((_req, res) => sendJson(res, 503, { message: 'busy' }))
    const error = await failure(clientFor(url, { maxAttempts: 1 }).getWorkflowRun(runInput))
    expect(error).toMatchObject({ status: 503, attempts: 1, message: 'busy' })
    expect(requests).toHaveLength(1)
  })

  it('an abort during the backoff sleep ends the call at once, without retrying', async () => {
    const { url, requests } = await serve((_req, res) =>
      sendJson(res, 503, { message: 'busy' }, { 'retry-after': '5' }),
    )
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(), 100)
    const error = await failure(
      clientFor(url).getWorkflowRun(runInput, { signal: controller.signal }),
    )
    expect(error).toBeInstanceOf(CodeCatalystAbortError)
    expect(error.attempts).toBe(1)
    expect(Date.now() - started).toBeLessThan(4000)
    expect(requests).toHaveLength(1)
  })

  it('an already aborted signal sends nothing', async () => {
    const { url, requests } = await serve((_req, res) => sendJson(res, 200, validRun))
    const error = await failure(
      clientFor(url).getWorkflowRun(runInput, { signal: AbortSignal.abort() }),
    )
    expect(error).toBeInstanceOf(CodeCatalystAbortError)
    expect(requests).toHaveLength(0)
  })
})

describe('error responses', () => {
  const modelled = [
    [ValidationException, 400],
    [ServiceQuotaExceededException, 402],
    [AccessDeniedException, 403],
    [ResourceNotFoundException, 404],
    [ConflictException, 409],
    [ThrottlingException, 429],
  ] as const

  it.each(modelled)(
    '%o from a qualified x-amzn-errortype becomes its own class',
    async (ErrorClass, status) => {
      const name = ErrorClass.name
      const { url, requests } = await serve((_req, res) =>
        sendJson(
          res,
          status,
          { message: `${name} happened` },
          {
            'x-amzn-errortype': `com.amazonaws.codecatalyst#${name}:http://internal.amazon.com/coral/com.amazonaws.codecatalyst/`,
            'x-amzn-requestid': `req-${name}`,
          },
        ),
      )
      const error = await failure(clientFor(url, { maxAttempts: 1 }).getWorkflowRun(runInput))
      expect(error).toBeInstanceOf(ErrorClass)
      expect(error).toBeInstanceOf(CodeCatalystServiceError)
      expect(error).toMatchObject({
        name,
        status,
        errorType: name,
        requestId: `req-${name}`,
        message: `${name} happened`,
        retryable: name === 'ThrottlingException',
      })
      expect(requests).toHaveLength(1)
      expectNoToken(token, error)
    },
  )

  it('non-retryable errors are thrown after one request even with retries on', async () => {
    const { url, requests } = await serve((_req, res) =>
      sendJson(res, 404, { message: 'nope' }, { 'x-amzn-errortype': 'ResourceNotFoundException' }),
    )
    await failure(clientFor(url).getWorkflowRun(runInput))
    expect(requests).toHaveLength(1)
  })

  it('the error type decides the class, not the status; body __type and Message are read', async () => {
    const { url } = await serve((_req, res) =>
      sendJson(res, 400, { __type: 'com.amazonaws.codecatalyst#ConflictException', Message: 'm' }),
    )
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error).toBeInstanceOf(ConflictException)
    expect(error).toMatchObject({ status: 400, message: 'm' })
  })

  it('with no error type, the status picks the modelled class', async () => {
    const { url } = await serve((_req, res) => sendJson(res, 403, { message: 'denied' }))
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error).toBeInstanceOf(AccessDeniedException)
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      errorType: 'AccessDeniedException',
    })
  })

  it('an unknown error type keeps its name in a plain service error', async () => {
    const { url } = await serve((_req, res) =>
      sendJson(
        res,
        400,
        { code: 'BrandNewException', message: 'new' },
        { 'x-amz-request-id': 'r-9' },
      ),
    )
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error.constructor).toBe(CodeCatalystServiceError)
    expect(error).toMatchObject({ errorType: 'BrandNewException', status: 400, requestId: 'r-9' })
  })

  it("401 with Prism's problem+json is a plain service error, not retried", async () => {
    const { url, requests } = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/problem+json' })
      res.end(
        JSON.stringify({
          type: 'https://stoplight.io/prism/errors#UNAUTHORIZED',
          title: 'Invalid security scheme used',
          status: 401,
          detail: '',
        }),
      )
    })
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error.constructor).toBe(CodeCatalystServiceError)
    expect(error).toMatchObject({
      status: 401,
      retryable: false,
      message: 'Invalid security scheme used',
    })
    expect(requests).toHaveLength(1)
  })

  it('a redirect is not followed, so the token cannot travel elsewhere', async () => {
    const { url, requests } = await serve((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:9/steal' })
      res.end()
    })
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error).toMatchObject({ status: 302 })
    expect(requests).toHaveLength(1)
  })
})

describe('2xx bodies', () => {
  it('truncated JSON is a response error, not retried', async () => {
    const { url, requests } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'r-1' })
      res.end('{"spaceName":"my-space","projectName":')
    })
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error).toBeInstanceOf(CodeCatalystResponseError)
    expect(error).toMatchObject({ status: 200, requestId: 'r-1' })
    expect(error.message).toMatch(/not valid JSON/)
    expect(requests).toHaveLength(1)
  })

  it('a missing required field is named', async () => {
    const { workflowId: _, ...withoutWorkflowId } = validRun
    const { url } = await serve((_req, res) => sendJson(res, 200, withoutWorkflowId))
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error).toBeInstanceOf(CodeCatalystResponseError)
    expect(error).toMatchObject({ field: 'workflowId' })
    expect(error.message).toContain('workflowId')
  })

  it.each([
    ['startTime', 1700000000],
    ['startTime', 'yesterday'],
    ['status', 7],
    ['statusReasons', {}],
    ['statusReasons', ['text']],
  ])('a field of the wrong type is named (%s = %j)', async (field, value) => {
    const { url } = await serve((_req, res) => sendJson(res, 200, { ...validRun, [field]: value }))
    const error = await failure(clientFor(url).getWorkflowRun(runInput))
    expect(error).toBeInstanceOf(CodeCatalystResponseError)
    expect((error as CodeCatalystResponseError).field).toMatch(new RegExp(`^${field}`))
  })

  it('an unknown status is passed through as it is', async () => {
    const { url } = await serve((_req, res) =>
      sendJson(res, 200, { ...validRun, status: 'PAUSED' }),
    )
    const run = await clientFor(url).getWorkflowRun(runInput)
    expect(run.status).toBe('PAUSED')
  })

  it('fields the spec does not know are dropped; a null optional field is absent', async () => {
    const { url } = await serve((_req, res) =>
      sendJson(res, 200, { ...validRun, endTime: null, extra: 'x' }),
    )
    const run = await clientFor(url).getWorkflowRun(runInput)
    expect(run).not.toHaveProperty('extra')
    expect(run).not.toHaveProperty('endTime')
  })
})

describe('the token', () => {
  it('never shows up in errors, whatever fails', async () => {
    const handlers: Handler[] = [
      (_req, res) =>
        sendJson(res, 400, { message: 'bad' }, { 'x-amzn-errortype': 'ValidationException' }),
      (_req, res) => sendJson(res, 200, { nope: true }),
      (_req, res) => res.socket?.destroy(),
    ]
    for (const handler of handlers) {
      const { url } = await serve(handler)
      expectNoToken(
        token,
        await failure(clientFor(url, { maxAttempts: 1 }).getWorkflowRun(runInput)),
      )
      await server?.close()
      server = undefined
    }
    const client = clientFor('http://127.0.0.1:9')
    expectNoToken(token, client)
  })

  it('a failing token function is a configuration error before any request', async () => {
    const { url, requests } = await serve((_req, res) => sendJson(res, 200, validRun))
    const error = await failure(
      createCodeCatalystClient({
        baseUrl: url,
        token: () => Promise.reject(new Error('vault unreachable')),
      }).getWorkflowRun(runInput),
    )
    expect(error).toMatchObject({ name: 'CodeCatalystConfigurationError', option: 'token' })
    expect((error.cause as Error).message).toBe('vault unreachable')
    expect(requests).toHaveLength(0)
  })

  it('a missing token is a clear error before any request', async () => {
    const { url, requests } = await serve((_req, res) => sendJson(res, 200, validRun))
    const error = await failure(
      createCodeCatalystClient({ baseUrl: url, token: '' }).getWorkflowRun(runInput),
    )
    expect(error.message).toMatch(/CODECATALYST_TOKEN/)
    expect(requests).toHaveLength(0)
  })
})

describe('StartWorkflowRun is safe to retry', () => {
  const input = { ...where, workflowId: buildMain.id }
  const started = { ...input, id: 'e5a7c9b1-3d2f-4e6a-8b0c-1d2e3f4a5b6c' }
  const tokens = (seen: LocalServer['requests']) =>
    seen.map((request) => (JSON.parse(request.body) as { clientToken?: string }).clientToken)

  it('a first attempt reset after the server received it is retried with the same clientToken', async () => {
    const { url, requests } = await serve((_req, res, n) => {
      // The request arrived whole (the server read its body), then the answer is lost.
      if (n === 0) res.socket?.destroy()
      else sendJson(res, 200, started)
    })
    const run = await clientFor(url).startWorkflowRun(input)
    expect(run.id).toBe(started.id)
    expect(requests).toHaveLength(2)
    const [first, second] = tokens(requests)
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(second).toBe(first)
  })

  it('so is an attempt that timed out, and a 503; a given clientToken is sent as it is', async () => {
    const { url, requests } = await serve((_req, res, n) => {
      if (n === 0) return // never answered: the attempt times out
      if (n === 1) return sendJson(res, 503, { message: 'busy' })
      sendJson(res, 200, started)
    })
    await clientFor(url, { timeoutMs: 200 }).startWorkflowRun({
      ...input,
      clientToken: 'release-42',
    })
    expect(tokens(requests)).toEqual(['release-42', 'release-42', 'release-42'])
  })

  it('two calls are two runs: each call makes its own token', async () => {
    const { url, requests } = await serve((_req, res) => sendJson(res, 200, started))
    const client = clientFor(url)
    await client.startWorkflowRun(input)
    await client.startWorkflowRun(input)
    const [first, second] = tokens(requests)
    expect(first).not.toBe(second)
  })
})

describe("the client's shared retry budget", () => {
  it('once spent by failures across calls, the next error is thrown at once, saying so', async () => {
    // startLocalServer answers 599 past its limit: raised for this many calls.
    server = await startLocalServer((_req, res) => sendJson(res, 503, { message: 'busy' }), 400)
    const client = createCodeCatalystClient({ token, baseUrl: server.url, maxAttempts: 2 })
    // 100 calls retry once each: 100 × 5 tokens empty the budget of 500.
    const first = await Promise.all(
      Array.from({ length: 100 }, () => failure(client.getWorkflowRun(runInput))),
    )
    for (const error of first) expect(error).toMatchObject({ status: 503, attempts: 2 })
    const error = await failure(client.getWorkflowRun(runInput))
    expect(error).toMatchObject({ status: 503, attempts: 1 })
    expect(error.message).toBe(
      "busy (Not retried: this client's retry budget is spent, by failures across its calls; it refills as calls succeed.)",
    )
    expect(server.requests).toHaveLength(201)
    // Another client has a budget of its own.
    const other = await failure(
      createCodeCatalystClient({ token, baseUrl: server.url, maxAttempts: 2 }).getWorkflowRun(
        runInput,
      ),
    )
    expect(other).toMatchObject({ attempts: 2 })
  })
})
