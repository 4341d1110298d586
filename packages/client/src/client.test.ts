import { runInput, validRun } from '@codecatalyst-runs/testing/fixtures'
import {
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CodeCatalystConfigurationError, createCodeCatalystClient } from './index.js'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('getWorkflowRun on the wire', () => {
  it('sends exactly GET /v1/spaces/{s}/projects/{p}/workflowRuns/{id} with the bearer token', async () => {
    server = await startLocalServer((_request, response) => sendJson(response, 200, validRun))
    const client = createCodeCatalystClient({ token: 'secret-token', baseUrl: server.url })

    await client.getWorkflowRun(runInput)

    expect(server.requests).toHaveLength(1)
    const [request] = server.requests
    expect(request?.method).toBe('GET')
    expect(request?.url).toBe(
      '/v1/spaces/my-space/projects/my-project/workflowRuns/0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
    )
    expect(request?.headers.authorization).toBe('Bearer secret-token')
  })

  it('parses a 200 into a run whose timestamps are Dates', async () => {
    server = await startLocalServer((_request, response) => sendJson(response, 200, validRun))
    const client = createCodeCatalystClient({ token: 't', baseUrl: server.url })

    const run = await client.getWorkflowRun(runInput)

    expect(run).toEqual({
      spaceName: 'my-space',
      projectName: 'my-project',
      id: validRun.id,
      workflowId: validRun.workflowId,
      status: 'SUCCEEDED',
      statusReasons: [{}],
      startTime: new Date('2026-11-02T09:15:04.512Z'),
      endTime: new Date('2026-11-02T09:21:47.093Z'),
      lastUpdatedTime: new Date('2026-11-02T08:21:47.093Z'),
    })
    expect(run.startTime).toBeInstanceOf(Date)
  })

  it('keeps a base URL path prefix and drops a trailing slash', async () => {
    server = await startLocalServer((_request, response) => sendJson(response, 200, validRun))
    const client = createCodeCatalystClient({ token: 't', baseUrl: `${server.url}/proxy/` })

    await client.getWorkflowRun(runInput)

    expect(server.requests[0]?.url).toMatch(/^\/proxy\/v1\/spaces\/my-space\//)
  })

  it('reads the token from CODECATALYST_TOKEN by default, and from a function', async () => {
    server = await startLocalServer((_request, response) => sendJson(response, 200, validRun))
    process.env.CODECATALYST_TOKEN = 'from-env'
    try {
      await createCodeCatalystClient({ baseUrl: server.url }).getWorkflowRun(runInput)
    } finally {
      delete process.env.CODECATALYST_TOKEN
    }
    await createCodeCatalystClient({
      baseUrl: server.url,
      token: async () => 'from-function',
    }).getWorkflowRun(runInput)

    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer from-env',
      'Bearer from-function',
    ])
  })
})

describe('configuration', () => {
  it("defaults to the spec's server and uses a custom fetch", async () => {
    const seen: string[] = []
    const client = createCodeCatalystClient({
      token: 't',
      fetch: async (input) => {
        seen.push(new Request(input).url)
        return Response.json(validRun)
      },
    })

    await client.getWorkflowRun(runInput)

    expect(seen).toEqual([
      'https://codecatalyst.global.api.aws/v1/spaces/my-space/projects/my-project/workflowRuns/0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
    ])
  })
})

describe('runtimes other than Node', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it("puts nothing in the RequestInit's `client` member, which Deno's Request reads", async () => {
    // Deno's Request takes `client` as a Deno.HttpClient and throws on anything else; an
    // undefined member counts as absent, as WebIDL says.
    class DenoLikeRequest extends Request {
      constructor(input: RequestInfo | URL, init?: RequestInit & { client?: unknown }) {
        if (init?.client !== undefined) {
          throw new TypeError(
            "Failed to construct 'Request': Argument 2 `client` must be a Deno.HttpClient",
          )
        }
        super(input, init)
      }
    }
    vi.stubGlobal('Request', DenoLikeRequest)
    const client = createCodeCatalystClient({
      token: 't',
      // Deno's fetch builds a Request from what it is given, as this one does.
      fetch: async (input, init) => {
        new Request(input, init)
        return Response.json(validRun)
      },
    })

    const run = await client.getWorkflowRun(runInput)

    expect(run.status).toBe('SUCCEEDED')
  })

  it('says so when the environment refuses to give CODECATALYST_TOKEN (Deno without --allow-env)', async () => {
    const environment = process.env
    const sent: unknown[] = []
    process.env = new Proxy(environment, {
      get(target, name) {
        if (name === 'CODECATALYST_TOKEN') {
          throw new Error(
            'Requires env access to "CODECATALYST_TOKEN", run again with the --allow-env flag',
          )
        }
        return Reflect.get(target, name)
      },
    })
    try {
      const client = createCodeCatalystClient({
        fetch: async (request) => {
          sent.push(request)
          return Response.json(validRun)
        },
      })
      const error = await client.getWorkflowRun(runInput).catch((caught: unknown) => caught)

      expect(error).toBeInstanceOf(CodeCatalystConfigurationError)
      expect(error).toMatchObject({ option: 'token' })
      expect((error as Error).message).toMatch(
        /^Could not read CODECATALYST_TOKEN \(Requires env access .*\): allow reading it, or pass `token`/,
      )
      expect(sent).toEqual([])
    } finally {
      process.env = environment
    }
  })
})

describe('bad options are clear errors that name the option', () => {
  it.each([
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ baseUrl: 'ftp://example.test' }, 'baseUrl'],
    [{ baseUrl: 'https://user:secret@example.test' }, 'baseUrl'],
    [{ baseUrl: 'https://example.test/?region=eu' }, 'baseUrl'],
    [{ maxAttempts: 0 }, 'maxAttempts'],
    [{ maxAttempts: 1.5 }, 'maxAttempts'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ timeoutMs: 2 ** 31 }, 'timeoutMs'],
  ])('createCodeCatalystClient(%j) names %s', (options, option) => {
    let error: unknown
    try {
      createCodeCatalystClient({ token: 't', ...options })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CodeCatalystConfigurationError)
    expect(error).toMatchObject({ option })
    expect((error as Error).message).toContain(option)
    expect((error as Error).message).not.toContain('secret')
  })

  it('a bad per-call timeout or poll interval is refused before anything is sent', async () => {
    let sent = 0
    const client = createCodeCatalystClient({
      token: 't',
      fetch: async () => {
        sent++
        return Response.json(validRun)
      },
    })
    await expect(client.getWorkflowRun(runInput, { timeoutMs: -1 })).rejects.toMatchObject({
      option: 'timeoutMs',
    })
    await expect(client.waitForWorkflowRun(runInput, { pollIntervalMs: 0 })).rejects.toMatchObject({
      option: 'pollIntervalMs',
    })
    expect(sent).toBe(0)
  })
})
