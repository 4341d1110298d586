// The simulator as `pnpm sim` serves it: a gate in this process, in front of Prism's validation
// proxy, in front of the simulator. Prism checks every answer the simulator gives to a request
// it can route; the simulator checks every request itself (request-rules.ts), so Prism's own
// request validation is off, and no 422 of Prism's reaches a caller.
//
// Prism still answers three kinds of request itself, with statuses the spec does not document,
// or not at all: no operation for the method and path (its 404 or 405 problem+json), no bearer
// token (its 401 problem+json), and a body that is not JSON (seen: Prism 5.16 never answers).
// The gate sends exactly those straight to the simulator, whose answers to them (404
// ResourceNotFoundException, 403 AccessDeniedException, 400 ValidationException) come from
// the same code as every answer Prism checks.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { type PrismServer, startPrismProxy } from '@codecatalyst-runs/dev-servers/prism'
import { operations } from './generated/operations.gen.ts'
import { route } from './request-rules.ts'
import { type Simulator, type SimulatorOptions, startSimulator } from './server.ts'

export interface ProxiedSimulator {
  /** The gate's base URL: the only one clients are given. */
  readonly url: string
  /** The simulator itself, in this process: its own URL and its fault controls. */
  readonly simulator: Simulator
  /** Prism's validation proxy, a child process. */
  readonly proxy: PrismServer
  /** Stops the gate, the proxy (by PID) and the simulator. */
  stop(): Promise<void>
}

/**
 * The simulator in this process, served through `prism proxy spec/codecatalyst.openapi.yaml
 * <simulator> --errors --validate-request=false` and the gate in front of it: every answer to a
 * request Prism can take is checked against the spec, and one that breaks it reaches the
 * client as a 500 with `sl-violations`.
 */
export async function startProxiedSimulator(
  options: SimulatorOptions = {},
): Promise<ProxiedSimulator> {
  const simulator = await startSimulator(options)
  let proxy: PrismServer | undefined
  try {
    proxy = await startPrismProxy(simulator.url, { validateRequests: false })
    const gate = await startGate(proxy.url, simulator.url)
    const started = proxy
    return {
      url: gate.url,
      simulator,
      proxy: started,
      async stop() {
        await gate.stop()
        await started.stop()
        await simulator.stop()
      },
    }
  } catch (error) {
    await proxy?.stop()
    await simulator.stop()
    throw error
  }
}

const bearer = /^Bearer \S+$/

/** Whether Prism can be given the request: it routes it, takes its token, and reads its body. */
function prismTakes(request: IncomingMessage, body: Buffer): boolean {
  const { pathname } = new URL(request.url ?? '/', 'http://gate')
  if (!route(operations, request.method ?? '', pathname)) return false
  if (!bearer.test(request.headers.authorization ?? '')) return false
  if (body.length === 0) return true
  try {
    JSON.parse(body.toString('utf8'))
    return true
  } catch {
    return false
  }
}

async function startGate(proxyUrl: string, simulatorUrl: string) {
  const agent = new Agent({ keepAlive: true })
  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const target = new URL(request.url ?? '/', prismTakes(request, body) ? proxyUrl : simulatorUrl)
    const {
      host: _host,
      'transfer-encoding': _chunked,
      connection: _,
      ...headers
    } = request.headers
    const forwarded = httpRequest(target, {
      method: request.method,
      headers: { ...headers, 'content-length': String(body.length) },
      agent,
    })
    forwarded.on('response', (answer) => {
      const { connection: _c, 'keep-alive': _k, ...answerHeaders } = answer.headers
      response.writeHead(answer.statusCode ?? 502, answerHeaders)
      answer.pipe(response)
    })
    // The upstream dropped the connection (a lost answer, an outage): so does the gate.
    forwarded.on('error', () => response.socket?.resetAndDestroy())
    forwarded.end(body)
  }
  const server = createServer((request, response) => {
    forward(request, response).catch(() => response.socket?.resetAndDestroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
        agent.destroy()
      }),
  }
}
