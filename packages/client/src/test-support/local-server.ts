import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
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
  const server = createServer((request, response) => {
    const index = requests.length
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      at: Date.now(),
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

export const validRun = {
  spaceName: 'my-space',
  projectName: 'my-project',
  id: '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
  workflowId: '5b7e3c21-94d8-4f0a-b1c6-8e2f7a9d3c40',
  status: 'SUCCEEDED',
  statusReasons: [{}],
  startTime: '2026-11-02T09:15:04.512Z',
  endTime: '2026-11-02T09:21:47.093Z',
  lastUpdatedTime: '2026-11-02T09:21:47.093+01:00',
}

export const validInput = {
  spaceName: validRun.spaceName,
  projectName: validRun.projectName,
  id: validRun.id,
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
