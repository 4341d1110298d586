// A loopback HTTP server for tests that need a misbehaving or scripted CodeCatalyst.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  /** The request body as text ('' when there was none). */
  readonly body: string
  readonly at: number
}

export type Handler = (
  request: IncomingMessage,
  response: ServerResponse,
  index: number,
) => void | Promise<void>

export interface LocalServer {
  readonly url: string
  readonly requests: SeenRequest[]
  close(): Promise<void>
}

/**
 * A node:http server on 127.0.0.1 and a free port that answers with `handler` and records
 * every request. It refuses to serve more than `maxRequests`, so that no test can loop on it.
 */
export async function startLocalServer(handler: Handler, maxRequests = 50): Promise<LocalServer> {
  const requests: SeenRequest[] = []
  const server = createServer(async (request, response) => {
    const at = Date.now()
    // The whole body is read before the handler runs: a handler that then drops the connection
    // does so after the server has received the request.
    let body = ''
    for await (const chunk of request) body += chunk
    const index = requests.length
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body,
      at,
    })
    if (index >= maxRequests) {
      response.writeHead(599).end()
      return
    }
    void handler(request, response, index)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}
