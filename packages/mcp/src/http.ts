// Streamable HTTP, served by node:http over the SDK's web-standard handler (createMcpHandler, one
// server instance per request, 2025-era clients served statelessly). Bound to 127.0.0.1 unless
// told otherwise; every request must carry `Authorization: Bearer <secret>`, compared in constant
// time; on a loopback address the Host and Origin headers must be loopback too (DNS rebinding).
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import {
  createMcpHandler,
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  type McpServer,
  originValidationResponse,
} from '@modelcontextprotocol/server'

/** What `startMcpHttpServer` is given. */
export interface McpHttpServerOptions {
  /** Makes the MCP server that answers one request (a fresh one each time). */
  readonly createServer: () => McpServer
  /** The bearer secret every request must send. Required: an empty secret is refused. */
  readonly secret: string
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Default 0: a free port. */
  readonly port?: number
  /** The path served. Default `/mcp`. */
  readonly path?: string
  /** Out-of-band errors (never written to a response). */
  readonly onError?: (error: Error) => void
}

/** A listening Streamable HTTP server. */
export interface McpHttpServer {
  /** `http://127.0.0.1:PORT/mcp` */
  readonly url: string
  /** The port it listens on. */
  readonly port: number
  /** Stops listening and closes open connections. */
  close(): Promise<void>
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost'])

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(hasBody && {
      body: Readable.toWeb(req) as ReadableStream,
      duplex: 'half',
    }),
  } as RequestInit)
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => {
    res.appendHeader(name, value)
  })
  if (!response.body) {
    res.end()
    return
  }
  res.flushHeaders()
  const reader = response.body.getReader()
  res.on('close', () => {
    reader.cancel().catch(() => {})
  })
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    res.write(value)
  }
  res.end()
}

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** Serves MCP over Streamable HTTP; resolves once it listens. */
export async function startMcpHttpServer(options: McpHttpServerOptions): Promise<McpHttpServer> {
  if (!options.secret) throw new Error('A bearer secret is required to serve MCP over HTTP.')
  const host = options.host ?? '127.0.0.1'
  const path = options.path ?? '/mcp'
  const onError = options.onError ?? (() => {})
  const handler = createMcpHandler(() => options.createServer(), {
    onerror: (error) => onError(error),
  })
  const guardHost = loopback.has(host)

  async function answer(request: Request): Promise<Response> {
    if (guardHost) {
      const rejected =
        hostHeaderValidationResponse(request, localhostAllowedHostnames()) ??
        originValidationResponse(request, localhostAllowedOrigins())
      if (rejected) return rejected
    }
    if (new URL(request.url).pathname !== path) return plain(404, `Not found: MCP is at ${path}.`)
    const authorization = request.headers.get('authorization') ?? ''
    const match = /^Bearer (.+)$/i.exec(authorization)
    if (!match || !sameSecret(match[1] as string, options.secret)) {
      return plain(401, 'A bearer secret is required.', { 'www-authenticate': 'Bearer' })
    }
    return handler.fetch(request)
  }

  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? host}`
    let request: Request
    try {
      request = toRequest(req, origin)
    } catch {
      res.statusCode = 400
      res.end()
      return
    }
    answer(request)
      .then((response) => send(response, res))
      .catch((error: unknown) => {
        onError(error instanceof Error ? error : new Error(String(error)))
        if (!res.headersSent) res.statusCode = 500
        res.end()
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}${path}`,
    port,
    async close() {
      await handler.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
