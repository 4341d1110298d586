// The simulator's HTTP side on node:http: routing by the spec's paths, the bearer token, the
// rate limit, every input constraint of the spec, the wire format of answers and errors, and
// the faults a test can ask for. Every answer has a status and an error name that the spec
// documents for the operation, whatever the request.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { errorName, type OperationId, throttlingMessage } from './from-spec.ts'
import { operations } from './generated/operations.gen.ts'
import { createRateLimit } from './rate-limit.ts'
import { checkRequest, RequestValidationError, requestTarget, route } from './request-rules.ts'
import { createWorld, ServiceError, type World } from './world.ts'

export interface SimulatorOptions {
  /** How long each of a started run's first three statuses lasts, in ms. Default 2 000. */
  readonly stepMs?: number
  /** Requests allowed per second for each token; more are answered 429. Default: no limit. */
  readonly rateLimit?: number
  /** The `Retry-After` of a 429, in whole seconds. Default: none is sent. */
  readonly retryAfterSeconds?: number
  /** The simulator's time in ms since the epoch. Default `Date.now`; a test passes one it moves. */
  readonly clock?: () => number
}

export interface Simulator {
  /** The simulator's own base URL, e.g. http://127.0.0.1:41234 (serve it through the proxy). */
  readonly url: string
  /** Stops listening and closes every connection. */
  stop(): Promise<void>
  /**
   * The next `count` requests of `operation` are carried out, then their connection is reset
   * without an answer: the answer is lost after the work was done.
   */
  loseResponses(operation: OperationId, count?: number): void
  /** How many requests of `operation` have reached the simulator. */
  requestCount(operation: OperationId): number
  /** How many requests the rate limit answered with 429. */
  throttledCount(): number
  /**
   * Adds a run without a request, for load tests: of `workflowId`, started at `startMs` (on the
   * simulator's clock, so in the past or the future), each active status lasting `stepMs`.
   * Returns its id.
   */
  seedRun(workflowId: string, timing: { readonly startMs: number; readonly stepMs: number }): string
  /**
   * The simulator goes away for `ms`: it stops listening and drops every connection (callers
   * see refused and reset connections), then listens again on the same port, its state kept.
   */
  outage(ms: number): Promise<void>
}

export const defaultStepMs = 2_000
/** The largest request body the simulator reads, in bytes; a larger one is 400. */
export const maxBodyBytes = 64 * 1024

type Input = Record<string, unknown>
type Handler = (world: World, input: Input) => unknown

// The operations the simulator carries out, by the spec's operationId: the spec's inputs, as the
// world's methods take them. An operation of the spec without one (just added to the spec) is
// still routed and its request checked; then it is answered as a gap of the simulator.
const handlers: Partial<Record<OperationId, Handler>> = {
  GetWorkflowRun: (world, input) => world.getWorkflowRun(input as never),
  ListWorkflowRuns: (world, input) => world.listWorkflowRuns(input as never),
  StartWorkflowRun: (world, input) => world.startWorkflowRun(input as never),
  ListWorkflows: (world, input) => world.listWorkflows(input as never),
  GetWorkflow: (world, input) => world.getWorkflow(input as never),
}

/** An operation of the spec that the simulator does not carry out. */
class NotSimulatedError extends Error {}

/** Starts the simulator on 127.0.0.1 and a free port, in this process. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? Date.now
  const stepMs = options.stepMs ?? defaultStepMs
  if (!(stepMs > 0)) throw new RangeError(`stepMs must be more than 0, not ${stepMs}.`)
  const world = createWorld({ stepMs, clock })
  const rateLimit =
    options.rateLimit === undefined ? undefined : createRateLimit(options.rateLimit, clock)
  const retryAfter: Record<string, string> =
    options.retryAfterSeconds === undefined
      ? {}
      : { 'retry-after': String(options.retryAfterSeconds) }
  const toLose = new Map<OperationId, number>()
  const counts = new Map<OperationId, number>()
  let throttled = 0

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID()
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body)
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'x-amzn-requestid': requestId,
        ...headers,
      })
      response.end(text)
    }
    const fail = (
      status: number,
      message: string,
      name = errorName(status),
      headers: Record<string, string> = {},
    ) => send(status, { message }, { 'x-amzn-errortype': name, ...headers })

    const url = requestTarget(request.url ?? '')
    const matched = url && route(operations, request.method ?? '', url.pathname)
    if (!matched) {
      // No operation has this method and path. AWS's model says nothing of such a request; the
      // one error every operation declares for "not there" is ResourceNotFoundException.
      request.resume()
      return fail(
        404,
        `No operation of this API is ${request.method} ${url?.pathname ?? request.url}.`,
      )
    }
    const operation = matched.rules.id
    counts.set(operation, (counts.get(operation) ?? 0) + 1)

    // An auth scheme's name is case-insensitive (RFC 9110, section 11.1).
    const token = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
    if (token === undefined) {
      request.resume()
      // AWS's model has no 401: the one error it has for being let in is AccessDeniedException.
      return fail(403, 'A bearer token is required: Authorization: Bearer <token>.')
    }
    if (rateLimit && !rateLimit.allow(token)) {
      request.resume()
      throttled++
      return fail(429, throttlingMessage, undefined, retryAfter)
    }

    let status = 200
    let body: unknown
    try {
      const input = checkRequest(matched.rules, {
        path: decodePath(matched.path),
        query: url.searchParams,
        body: await readBody(request),
      })
      const handler = handlers[operation]
      if (!handler) throw new NotSimulatedError(`The simulator does not carry out ${operation}.`)
      body = handler(world, input)
    } catch (error) {
      if (error instanceof RequestValidationError) {
        status = 400
        body = { message: error.message }
      } else if (error instanceof ServiceError) {
        status = error.status
        body = { message: error.message }
      } else {
        throw error
      }
    }

    const lose = toLose.get(operation) ?? 0
    if (lose > 0) {
      toLose.set(operation, lose - 1)
      response.socket?.resetAndDestroy()
      return
    }
    if (status === 200) send(200, body)
    else fail(status, (body as { message: string }).message)
  }

  const server = createHttpServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // The caller went away while its body was read: there is no one to answer.
      if (request.destroyed || response.destroyed) return
      // A bug or a gap of the simulator, not an answer of the service: no error name is made up.
      if (error instanceof NotSimulatedError) console.error(`simulator: ${error.message}`)
      else console.error('simulator: unexpected error', error)
      if (!response.headersSent) response.writeHead(500).end()
    })
  })
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  await listen(0)
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    stop: close,
    loseResponses(operation, count = 1) {
      toLose.set(operation, (toLose.get(operation) ?? 0) + count)
    },
    requestCount: (operation) => counts.get(operation) ?? 0,
    throttledCount: () => throttled,
    seedRun: (workflowId, timing) => world.seedRun(workflowId, timing.startMs, timing.stepMs),
    async outage(ms) {
      await close()
      await new Promise((resolve) => setTimeout(resolve, ms))
      await listen(port)
    },
  }
}

function decodePath(groups: Record<string, string>): Record<string, string> {
  const input: Record<string, string> = {}
  for (const [name, value] of Object.entries(groups)) {
    try {
      input[name] = decodeURIComponent(value)
    } catch {
      throw new ServiceError(400, `The path parameter ${name} is not valid percent-encoding.`)
    }
  }
  return input
}

/**
 * The body's bytes as far as `limit`, and whether there was more. What lies beyond the limit is
 * read and thrown away, not kept: the request is not destroyed, so its answer still reaches the
 * caller (destroying it would reset the connection), and the connection can carry the next one.
 */
export async function readUpTo(
  request: IncomingMessage,
  limit: number,
): Promise<{ readonly body: Buffer; readonly complete: boolean }> {
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    chunks.push(chunk)
    bytes += chunk.length
    if (bytes > limit) break
  }
  const complete = bytes <= limit
  // Once the iterator has let go of the request: flowing, with no listener, drops what comes.
  if (!complete) request.resume()
  return { body: Buffer.concat(chunks), complete }
}

/**
 * node:http's server, with none of the answers it would give of its own (each a status without
 * `x-amzn-errortype`): a request without `Host` is taken (HTTP/1.1 requires one, but no answer
 * of the spec refuses it), an `Expect` other than `100-continue` is ignored (RFC 9110 allows it,
 * rather than 417), bytes it cannot read are 400 ValidationException (`answerClientError`), and
 * CONNECT, which it would close unanswered, is 404 ResourceNotFoundException.
 */
export function createHttpServer(
  listener: (request: IncomingMessage, response: ServerResponse) => void,
): Server {
  const server = createServer({ requireHostHeader: false }, listener)
  server.on('checkExpectation', listener)
  server.on('clientError', answerClientError)
  server.on('connect', answerConnect)
  return server
}

/** The JSON object of the request's body; no body is `{}`. */
async function readBody(request: IncomingMessage): Promise<Input> {
  const { body: bytes, complete } = await readUpTo(request, maxBodyBytes)
  if (!complete) {
    throw new ServiceError(400, `The request body is larger than ${maxBodyBytes} bytes.`)
  }
  // Decoded once, whole: a character split across two chunks stays one character.
  const text = bytes.toString('utf8')
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ServiceError(400, 'The request body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError(400, 'The request body must be a JSON object.')
  }
  return body as Input
}

/**
 * A request node:http cannot parse (headers too large, not HTTP at all): answered as every bad
 * request is, 400 ValidationException with a message, not node's own bare 400 or 431.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const message =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'The request headers are too large.'
      : 'The request is not valid HTTP/1.1.'
  answerOnSocket(socket, 400, 'Bad Request', message)
}

/**
 * A CONNECT request, which node:http hands over as a bare socket and would otherwise close
 * unanswered: no operation of this API is CONNECT, so it is answered as any unknown method is.
 */
function answerConnect(request: IncomingMessage, socket: Duplex): void {
  answerOnSocket(socket, 404, 'Not Found', `No operation of this API is CONNECT ${request.url}.`)
}

/** An error answer written on the socket itself, which is then closed. */
function answerOnSocket(socket: Duplex, status: number, reason: string, message: string): void {
  const body = JSON.stringify({ message })
  socket.end(
    [
      `HTTP/1.1 ${status} ${reason}`,
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(body)}`,
      `x-amzn-errortype: ${errorName(status)}`,
      `x-amzn-requestid: ${randomUUID()}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  )
}
