// The simulator as `pnpm sim` serves it: a gate in this process, in front of Prism's validation
// proxy, in front of the simulator. Prism checks every answer the simulator gives to a request
// it can take; the simulator checks every request itself (request-rules.ts), so Prism's own
// request validation is off, and no 422 of Prism's reaches a caller.
//
// Prism still answers some requests itself, with statuses the spec does not document, or not at
// all (each seen with Prism 5.16): no operation for the method and path (its 404 or 405
// problem+json), no `Bearer` token as it spells it (its 401 problem+json), a body that is not a
// JSON object (it never answers, or rewrites it), a body in a charset other than UTF-8 (it never
// answers), a JSON body its own serialization would change (1e400 becomes null), and a GET or
// HEAD with a body (its 501). The gate sends exactly those straight to the simulator, and so too
// a target that is not a plain path, and a body larger than the simulator reads (only as much of
// it as the gate read; the rest is dropped, never held). Their answers (404 ResourceNotFoundException,
// 403 AccessDeniedException, 400 ValidationException) come from the same code as every answer
// Prism checks. When the simulator drops a connection (an outage, a lost answer), Prism answers
// 500 with its FetchError; the gate drops the caller's connection instead, as the simulator did.
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isDeepStrictEqual } from 'node:util'
import { type PrismServer, startPrismProxy } from '@codecatalyst-runs/dev-servers/prism'
import { operations } from './generated/operations.gen.ts'
import { requestTarget, route } from './request-rules.ts'
import {
  createHttpServer,
  maxBodyBytes,
  readUpTo,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './server.ts'

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
        try {
          await gate.stop()
        } finally {
          try {
            await started.stop()
          } finally {
            await simulator.stop()
          }
        }
      },
    }
  } catch (error) {
    await proxy?.stop()
    await simulator.stop()
    throw error
  }
}

// The one form of the Authorization header that Prism takes for the spec's bearer scheme.
const prismBearer = /^Bearer \S+$/

/** A `Content-Type` whose charset, if it names one, is UTF-8: the only one Prism reads. */
function utf8Charset(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '')?.[2]
  return charset === undefined || /^utf-?8$/i.test(charset)
}

/** Whether Prism can be given the request as it is: it routes it, takes its token and body. */
function prismTakes(request: IncomingMessage, body: Buffer): boolean {
  const target = request.url ?? ''
  const url = requestTarget(target)
  // Only a path that is already what Prism will read it as: no `//`, dot segments or escapes
  // that the URL parser would rewrite, so that Prism and the simulator see the same path.
  if (!url || `${url.pathname}${url.search}` !== target || target.startsWith('//')) return false
  if (!route(operations, request.method ?? '', url.pathname)) return false
  if (!prismBearer.test(request.headers.authorization ?? '')) return false
  if (body.length === 0) return true
  if (request.method === 'GET' || request.method === 'HEAD') return false
  // Another charset (UTF-16) and Prism never answers.
  if (!utf8Charset(request.headers['content-type'])) return false
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    return false
  }
  // Prism passes on its own serialization of the body, not the bytes: a number too large for a
  // double (1e400) would reach the simulator as null. Only a body that survives it goes there.
  return (
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    isDeepStrictEqual(JSON.parse(JSON.stringify(parsed)), parsed)
  )
}

/** How long the gate waits for an answer before it drops the caller's connection. */
const upstreamTimeoutMs = 30_000

async function startGate(proxyUrl: string, simulatorUrl: string) {
  const agent = new Agent({ keepAlive: true })
  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    // A body over the limit: what was read (already more than the simulator takes) goes to the
    // simulator, which refuses it; the rest is read and dropped here, never held.
    const { body, complete } = await readUpTo(request, maxBodyBytes)
    const toPrism = complete && prismTakes(request, body)
    const upstream = new URL(toPrism ? proxyUrl : simulatorUrl)
    const {
      host: _host,
      'transfer-encoding': _chunked,
      'content-length': _length,
      connection: _,
      // Answered here (100-continue) or ignored, as the simulator does, never passed on.
      expect: _expect,
      ...headers
    } = request.headers
    // The upstream is fixed; the target is passed on as it came, whatever its form.
    const forwarded = httpRequest({
      hostname: upstream.hostname,
      port: upstream.port,
      path: request.url,
      method: request.method,
      headers: { ...headers, 'content-length': String(body.length) },
      agent,
    })
    // Before an answer began, the caller's connection is reset, as the simulator's was; after,
    // the answer is cut short.
    const drop = () =>
      response.headersSent ? response.destroy() : response.socket?.resetAndDestroy()
    forwarded.setTimeout(upstreamTimeoutMs, () => forwarded.destroy())
    forwarded.on('error', drop)
    forwarded.on('response', (answer) => {
      const { connection: _c, 'keep-alive': _k, ...answerHeaders } = answer.headers
      if (toPrism && answer.statusCode === 500 && isProblem(answer)) {
        relayUnlessFetchError(answer, answerHeaders, response, drop)
        return
      }
      response.writeHead(answer.statusCode ?? 502, answerHeaders)
      answer.pipe(response)
    })
    forwarded.end(body)
  }
  const server = createHttpServer((request, response) => {
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

function isProblem(answer: IncomingMessage): boolean {
  return (answer.headers['content-type'] ?? '').startsWith('application/problem+json')
}

/**
 * Prism's 500 is either its check of the simulator's answer (passed on: that is what the proxy
 * is for) or its FetchError, its word for "the simulator dropped the connection", which the
 * caller gets as the simulator gave it: a dropped connection.
 */
function relayUnlessFetchError(
  answer: IncomingMessage,
  headers: IncomingMessage['headers'],
  response: ServerResponse,
  drop: () => void,
) {
  const chunks: Buffer[] = []
  answer.on('data', (chunk: Buffer) => chunks.push(chunk))
  answer.on('error', drop)
  answer.on('end', () => {
    const text = Buffer.concat(chunks)
    let type: unknown
    try {
      type = (JSON.parse(text.toString('utf8')) as { type?: unknown }).type
    } catch {}
    if (type === 'FetchError') return drop()
    response.writeHead(500, headers)
    response.end(text)
  })
}
