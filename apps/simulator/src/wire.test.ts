// The simulator answers any client as the spec says CodeCatalyst does, not only ours: raw HTTP
// requests (fetch, no SDK), one per constraint of every input member of every operation, and
// the requests no SDK sends (no token, no such operation, a body that is not JSON). Each is sent
// through the gate that `pnpm sim` serves, to the simulator directly, and (where Prism's mock
// reads the spec) to `pnpm mock`; the answer's status and error type must be the same, and one
// that the spec documents for the operation. The table is built from the generated rules.
import { spawn } from 'node:child_process'
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { fileURLToPath } from 'node:url'
import { stopProcess, stopWithThisProcess } from '@codecatalyst-runs/dev-servers/child-process'
import { type PrismServer, startPrismMock } from '@codecatalyst-runs/dev-servers/prism'
import {
  errorResponse,
  errorResponses,
  exampleInput,
  specValidator,
} from '@codecatalyst-runs/testing/spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OperationId, operations } from './generated/operations.gen.ts'
import { type ProxiedSimulator, startProxiedSimulator } from './proxied.ts'
import type { MemberRule, OperationRules } from './request-rules.ts'
import { maxBodyBytes } from './server.ts'

let sim: ProxiedSimulator
let mock: PrismServer

beforeAll(async () => {
  ;[sim, mock] = await Promise.all([startProxiedSimulator(), startPrismMock()])
})
afterAll(async () => {
  await Promise.all([sim?.stop(), mock?.stop()])
})

interface Wire {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string
}

/** The request of `rules` with these member values, put on the wire by hand. */
function wire(rules: OperationRules, input: Record<string, unknown>, body?: string): Wire {
  let path = rules.path
  const query = new URLSearchParams()
  const members: Record<string, unknown> = {}
  for (const rule of rules.members) {
    const value = input[rule.name]
    if (value === undefined) continue
    if (rule.location === 'path')
      path = path.replace(`{${rule.name}}`, encodeURIComponent(String(value)))
    else if (rule.location === 'query') query.set(rule.name, String(value))
    else members[rule.name] = value
  }
  const hasBody = rules.members.some((rule) => rule.location === 'body')
  const search = query.toString()
  return {
    method: rules.method,
    path: `${path}${search ? `?${search}` : ''}`,
    headers: { authorization: 'Bearer wire-test', 'content-type': 'application/json' },
    ...(body !== undefined ? { body } : hasBody ? { body: JSON.stringify(members) } : {}),
  }
}

interface Answer {
  readonly status: number
  readonly errorType: string | null
  readonly violations: string | null
  readonly body: unknown
}

async function send(baseUrl: string, request: Wire): Promise<Answer> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {}
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    violations: response.headers.get('sl-violations'),
    body,
  }
}

/** A value of the member that the rule allows, taken from the spec's examples. */
function validInput(id: OperationId): Record<string, unknown> {
  return exampleInput(id)
}

interface Violation {
  readonly constraint: string
  /** The member's value; `undefined` leaves it out. */
  readonly value: unknown
  /** What the ValidationException's message says of it, in AWS's wording. */
  readonly says: string
}

const failed = (name: string, value: string, constraint: string) =>
  `Value ${value} at '${name}' failed to satisfy constraint: Member must ${constraint}`

/** One value per constraint the rule declares that breaks it (and only it, where it can). */
function violationsOf(rule: MemberRule): Violation[] {
  const { name } = rule
  const found: Violation[] = []
  const add = (constraint: string, value: unknown, must: string) =>
    found.push({
      constraint,
      value,
      says: failed(name, `'${typeof value === 'string' ? value : JSON.stringify(value)}'`, must),
    })
  // A path member is always there: leaving it out, or making it empty, is another path.
  if (rule.required && rule.location !== 'path') {
    found.push({
      constraint: 'required',
      value: undefined,
      says: failed(name, 'null', 'not be null'),
    })
  }
  if (rule.minLength !== undefined && !(rule.location === 'path' && rule.minLength <= 1)) {
    add(
      'minLength',
      'a'.repeat(rule.minLength - 1),
      `have length greater than or equal to ${rule.minLength}`,
    )
  }
  if (rule.maxLength !== undefined) {
    add(
      'maxLength',
      'a'.repeat(rule.maxLength + 1),
      `have length less than or equal to ${rule.maxLength}`,
    )
  }
  if (rule.pattern !== undefined) {
    const pattern = new RegExp(rule.pattern, 'u')
    const fitsLength = (value: string) =>
      value.length >= (rule.minLength ?? 0) && value.length <= (rule.maxLength ?? Infinity)
    const value = ['not-a-uuid', 'a--b', 'a b c'].find(
      (candidate) => fitsLength(candidate) && !pattern.test(candidate),
    )
    if (value === undefined) throw new Error(`No value breaks only the pattern of ${name}`)
    add('pattern', value, `satisfy regular expression pattern: ${rule.pattern}`)
  }
  if (rule.type === 'integer') add('type', 'abc', 'be an integer')
  if (rule.minimum !== undefined)
    add('minimum', rule.minimum - 1, `have value greater than or equal to ${rule.minimum}`)
  if (rule.maximum !== undefined)
    add('maximum', rule.maximum + 1, `have value less than or equal to ${rule.maximum}`)
  if (rule.maxItems !== undefined) {
    add(
      'maxItems',
      Array.from({ length: rule.maxItems + 1 }, () => ({})),
      `have length less than or equal to ${rule.maxItems}`,
    )
  }
  if (rule.enum !== undefined) {
    add('enum', `not-${rule.enum.join('-')}`, `satisfy enum value set: [${rule.enum.join(', ')}]`)
  }
  if (rule.type === 'array' && rule.items?.type === 'object') {
    found.push({
      constraint: 'items',
      value: [1],
      says: failed(`${name}.1.member`, "'1'", 'be a structure'),
    })
  }
  if (rule.type === 'string' && rule.location === 'body') add('type', 5, 'be a string')
  return found
}

/** Values at the edge of what the rule allows: each must be accepted. */
function edgeValuesOf(rule: MemberRule): Array<[string, unknown]> {
  const edges: Array<[string, unknown]> = []
  if (rule.minLength !== undefined) edges.push(['minLength', 'a'.repeat(rule.minLength)])
  // A name with every separator the name pattern allows, and capitals and digits.
  const name = 'A1.b-2_c'
  if (
    rule.pattern !== undefined &&
    new RegExp(rule.pattern, 'u').test(name) &&
    name.length >= (rule.minLength ?? 0) &&
    name.length <= (rule.maxLength ?? Infinity)
  )
    edges.push(['pattern', name])
  if (rule.maxLength !== undefined) edges.push(['maxLength', 'a'.repeat(rule.maxLength)])
  if (rule.minimum !== undefined) edges.push(['minimum', rule.minimum])
  if (rule.maximum !== undefined) edges.push(['maximum', rule.maximum])
  if (rule.maxItems !== undefined)
    edges.push(['maxItems', Array.from({ length: rule.maxItems }, () => ({}))])
  return edges
}

/** The error names the spec documents for the operation, by status. */
function documented(id: OperationId): Map<number, string> {
  return new Map(errorResponses(id).map(({ status, name }) => [status, name]))
}

const validator = specValidator()
const errorBody = validator.compile({ $ref: 'spec#/components/schemas/ValidationException' })

/** The answer is one the spec documents for the operation: its status, error name and body. */
function expectDocumented(id: OperationId, answer: Answer, where: string) {
  expect(answer.violations, `${where}: Prism's sl-violations`).toBeNull()
  if (answer.status === 200) return
  const names = documented(id)
  expect([...names.keys()], `${where}: a status the spec documents for ${id}`).toContain(
    answer.status,
  )
  expect(answer.errorType, `${where}: the error name of ${answer.status}`).toBe(
    names.get(answer.status),
  )
  expect(errorBody(answer.body), `${where}: the body ${JSON.stringify(answer.body)}`).toBe(true)
}

const table = operations.flatMap((rules) =>
  rules.members.flatMap((rule) =>
    violationsOf(rule).map((violation) => ({ rules, rule, violation })),
  ),
)

describe('a request that breaks a constraint of the spec: 400 ValidationException, everywhere', () => {
  it('the table covers every member of every operation', () => {
    const covered = new Set(table.map(({ rules, rule }) => `${rules.id}.${rule.name}`))
    const members = operations.flatMap((rules) =>
      rules.members.map((rule) => `${rules.id}.${rule.name}`),
    )
    // projectName of StartWorkflowRun and ListWorkflows (min length 1, in the path) has only its pattern.
    expect([...covered].sort()).toEqual([...new Set(members)].sort())
  })

  it.each(
    table.map(
      ({ rules, rule, violation }) =>
        [`${rules.id} ${rule.name} ${violation.constraint}`, rules, rule, violation] as const,
    ),
  )('%s', async (_case, rules, rule, violation) => {
    const input = { ...validInput(rules.id as OperationId), [rule.name]: violation.value }
    if (violation.value === undefined) delete input[rule.name]
    const request = wire(rules, input)
    const [gate, direct, mocked] = await Promise.all([
      send(sim.url, request),
      send(sim.simulator.url, request),
      send(mock.url, request),
    ])
    for (const [where, answer] of [
      ['pnpm sim', gate],
      ['the simulator alone', direct],
    ] as const) {
      expect(answer.status, where).toBe(400)
      expect(answer.errorType, where).toBe('ValidationException')
      const { message } = answer.body as { message: string }
      expect(message, where).toMatch(/^\d+ validation errors? detected: /)
      expect(message, where).toContain(violation.says)
      expectDocumented(rules.id as OperationId, answer, where)
    }
    // Prism's mock is the spec's reading of itself: the same status and error type, but for an
    // empty query value, which Prism 5.16 reads as no value at all (AWS's servers do not:
    // Smithy's protocol test RestJsonMalformedLengthQueryStringNoValue answers it 400).
    const emptyQueryValue = rule.location === 'query' && violation.value === ''
    expect([mocked.status, mocked.errorType], 'pnpm mock').toEqual(
      emptyQueryValue ? [200, null] : [400, 'ValidationException'],
    )
  })
})

describe('a request that is valid is never refused', () => {
  const edges = operations.flatMap((rules) =>
    rules.members.flatMap((rule) =>
      edgeValuesOf(rule).map(([edge, value]) => ({ rules, rule, edge, value })),
    ),
  )

  it.each(operations.map((rules) => [rules.id, rules] as const))(
    "%s with the spec's example input, an unknown query parameter and an unknown body member: 200",
    async (_id, rules) => {
      const request = wire(rules, validInput(rules.id as OperationId))
      const extra: Wire = {
        ...request,
        path: `${request.path}${request.path.includes('?') ? '&' : '?'}unknownParameter=1`,
        ...(request.body
          ? { body: JSON.stringify({ ...JSON.parse(request.body), unknownMember: true }) }
          : {}),
      }
      for (const sent of [request, extra]) {
        const answers = await Promise.all([
          send(sim.url, sent),
          send(sim.simulator.url, sent),
          send(mock.url, sent),
        ])
        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
        expectDocumented(rules.id as OperationId, answers[0] as Answer, 'pnpm sim')
      }
    },
  )

  it.each(
    edges.map(
      ({ rules, rule, edge, value }) =>
        [`${rules.id} ${rule.name} at its ${edge}`, rules, rule, value] as const,
    ),
  )('%s: accepted', async (_case, rules, rule, value) => {
    const request = wire(rules, { ...validInput(rules.id as OperationId), [rule.name]: value })
    const [gate, direct, mocked] = await Promise.all([
      send(sim.url, request),
      send(sim.simulator.url, request),
      send(mock.url, request),
    ])
    // Accepted by every constraint: answered, or refused for what the value names, never for its
    // form. The simulator holds one space and project, so another name in the path is 404; a
    // nextToken it never issued is 400, with its own message.
    // The not-found message names the space or project, not a route the simulator missed.
    const notFound = `The ${rule.name === 'spaceName' ? 'space' : 'project'} ${String(value)} was not found.`
    const expected =
      rule.location === 'path'
        ? [404, 'ResourceNotFoundException', notFound]
        : rule.name === 'nextToken'
          ? [400, 'ValidationException', 'The nextToken is not valid.']
          : [200, null]
    for (const [where, answer] of [
      ['pnpm sim', gate],
      ['the simulator alone', direct],
    ] as const) {
      const { message } = answer.body as { message?: string }
      expect(
        [answer.status, answer.errorType, ...(expected.length > 2 ? [message] : [])],
        where,
      ).toEqual(expected)
      expectDocumented(rules.id as OperationId, answer, where)
    }
    expect(mocked.status).toBe(200)
  })
})

// Requests no SDK sends, which Prism would answer itself with statuses the spec does not have.
const getRun = operations.find((rules) => rules.id === 'GetWorkflowRun') as OperationRules
const listWorkflows = operations.find((rules) => rules.id === 'ListWorkflows') as OperationRules
const runRequest = wire(getRun, validInput('GetWorkflowRun'))
const workflowsRequest = wire(listWorkflows, validInput('ListWorkflows'))
const withAuthorization = (request: Wire, authorization: string | undefined): Wire => {
  const { authorization: _, ...headers } = request.headers
  return {
    ...request,
    headers: authorization === undefined ? headers : { ...headers, authorization },
  }
}

describe('a missing or malformed bearer token: 403 AccessDeniedException', () => {
  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['the scheme without a token', 'Bearer'],
    ['a token with a space in it', 'Bearer two words'],
  ])('%s', async (_case, authorization) => {
    for (const base of [sim.url, sim.simulator.url]) {
      const answer = await send(base, withAuthorization(runRequest, authorization))
      expect(answer.status).toBe(403)
      expect(answer.errorType).toBe('AccessDeniedException')
      expect((answer.body as { message: string }).message).toMatch(/bearer token is required/)
      expectDocumented('GetWorkflowRun', answer, base)
    }
  })
})

describe('no operation for the method and path: 404 ResourceNotFoundException', () => {
  it.each([
    ['a path the spec does not have', { ...runRequest, path: `${runRequest.path}/logs` }],
    ['a method the path does not have', { ...workflowsRequest, method: 'DELETE' }],
    [
      'an empty path segment',
      { ...runRequest, path: runRequest.path.replace('/projects/my-project/', '/projects//') },
    ],
  ])('%s', async (_case, request) => {
    for (const base of [sim.url, sim.simulator.url]) {
      const answer = await send(base, request)
      expect(answer.status).toBe(404)
      expect(answer.errorType).toBe('ResourceNotFoundException')
      expect((answer.body as { message: string }).message).toContain(
        `No operation of this API is ${request.method}`,
      )
    }
  })
})

describe('a body that is not a JSON object: 400 ValidationException', () => {
  it.each([
    ['not JSON', '{"sortBy":', 'The request body is not valid JSON.'],
    ['a JSON array', '[{}]', 'The request body must be a JSON object.'],
    ['a JSON number', '10', 'The request body must be a JSON object.'],
    ['JSON null', 'null', 'The request body must be a JSON object.'],
    ['a JSON string', '"sortBy"', 'The request body must be a JSON object.'],
    ['JSON true', 'true', 'The request body must be a JSON object.'],
    [
      `more than ${maxBodyBytes} bytes, in fewer characters`,
      JSON.stringify({ padding: '€'.repeat(Math.ceil(maxBodyBytes / 3) + 1) }),
      `The request body is larger than ${maxBodyBytes} bytes.`,
    ],
  ])('%s', async (_case, body, message) => {
    for (const base of [sim.url, sim.simulator.url]) {
      const answer = await send(base, { ...workflowsRequest, body })
      expect([answer.status, answer.errorType, answer.body]).toEqual([
        400,
        'ValidationException',
        { message },
      ])
      expectDocumented('ListWorkflows', answer, base)
    }
  })
})

describe('the two requests of the report', () => {
  it('maxResults=51 and an id that is not a UUID: 400 ValidationException through pnpm sim and without the proxy', async () => {
    const list = operations.find((rules) => rules.id === 'ListWorkflowRuns') as OperationRules
    const { maximum } = list.members.find((rule) => rule.name === 'maxResults') as MemberRule
    for (const base of [sim.url, sim.simulator.url]) {
      const tooMany = await send(
        base,
        wire(list, { ...validInput('ListWorkflowRuns'), maxResults: Number(maximum) + 1 }),
      )
      expect([tooMany.status, tooMany.errorType, tooMany.body]).toEqual([
        400,
        'ValidationException',
        {
          message: `1 validation error detected: Value '${Number(maximum) + 1}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${maximum}`,
        },
      ])
      const notAUuid = await send(
        base,
        wire(getRun, { ...validInput('GetWorkflowRun'), id: 'not-a-uuid' }),
      )
      // Word for word the spec's own example of a ValidationException.
      expect([notAUuid.status, notAUuid.errorType, notAUuid.body]).toEqual([
        400,
        'ValidationException',
        { message: errorResponse(400, 'GetWorkflowRun').message },
      ])
    }
  })
})

interface RawAnswer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: unknown
}

/** Reads a node:http answer whole, its body parsed as JSON where it is JSON. */
function readAnswer(incoming: IncomingMessage, resolve: (answer: RawAnswer) => void): void {
  let text = ''
  incoming.setEncoding('utf8')
  incoming.on('data', (chunk: string) => {
    text += chunk
  })
  incoming.on('end', () =>
    resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: json(text) }),
  )
}

/** One request through node:http, which sends what fetch will not: any target, a GET's body. */
function sendRaw(
  baseUrl: string,
  request: { method: string; target: string; headers: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        hostname,
        port,
        method: request.method,
        path: request.target,
        headers: {
          ...request.headers,
          ...(request.body === undefined
            ? {}
            : { 'content-length': String(Buffer.byteLength(request.body)) }),
        },
      },
      (incoming) => readAnswer(incoming, resolve),
    )
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error('no answer in 10 s')))
    outgoing.on('error', reject)
    outgoing.end(request.body)
  })
}

/** Bytes put on a socket of their own as they are (each piece one write), read until it closes. */
function sendBytes(baseUrl: string, bytes: string | readonly Buffer[]): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    let text = ''
    socket.setEncoding('utf8')
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')))
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n')
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      )
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: json(body) })
    })
    // Not ended: a half-closed socket may be closed before the answer is written. Every server
    // here closes it after its answer (`connection: close`, or a request it cannot read).
    for (const piece of typeof bytes === 'string' ? [bytes] : bytes) socket.write(piece)
  })
}

function json(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

describe('requests the gate must not hand Prism as they are', () => {
  const both = () =>
    [
      ['pnpm sim', sim.url],
      ['the simulator alone', sim.simulator.url],
    ] as const

  it('a target naming another host goes nowhere but the simulator (the gate is no open proxy)', async () => {
    let reached = 0
    const canary = createServer((_request, response) => {
      reached++
      response.end()
    })
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve))
    try {
      const elsewhere = `127.0.0.1:${(canary.address() as AddressInfo).port}`
      for (const [where, base] of both()) {
        // Absolute-form, which HTTP/1.1 servers must accept: the path is the operation's.
        const absolute = await sendRaw(base, {
          method: 'GET',
          target: `http://${elsewhere}${runRequest.path}`,
          headers: runRequest.headers,
        })
        expect([absolute.status, absolute.headers['x-amzn-errortype']], where).toEqual([
          200,
          undefined,
        ])
        // A path that begins with `//` is a path, not a host.
        const doubleSlash = await sendRaw(base, {
          method: 'GET',
          target: `//${elsewhere}${runRequest.path}`,
          headers: runRequest.headers,
        })
        expect([doubleSlash.status, doubleSlash.headers['x-amzn-errortype']], where).toEqual([
          404,
          'ResourceNotFoundException',
        ])
      }
      expect(reached).toBe(0)
    } finally {
      await new Promise((resolve) => canary.close(resolve))
    }
  })

  it("a GET with a body is answered as the operation, not with Prism's 501", async () => {
    for (const [where, base] of both()) {
      const answer = await sendRaw(base, {
        method: 'GET',
        target: runRequest.path,
        headers: { ...runRequest.headers, 'content-type': 'application/json' },
        body: '{}',
      })
      expect([answer.status, answer.headers['sl-violations']], where).toEqual([200, undefined])
    }
  })

  it.each([
    ['bearer', 'bearer wire-test'],
    ['BEARER', 'BEARER wire-test'],
  ])('the scheme spelt %s is the same scheme (RFC 9110): 200', async (_case, authorization) => {
    for (const [where, base] of both()) {
      const answer = await send(base, withAuthorization(runRequest, authorization))
      expect(answer.status, where).toBe(200)
    }
  })

  it.each([
    [
      'headers larger than node:http reads',
      `GET ${runRequest.path} HTTP/1.1\r\nhost: x\r\nx-padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      'The request headers are too large.',
    ],
    ['bytes that are not HTTP', 'HELLO THERE\r\n\r\n', 'The request is not valid HTTP/1.1.'],
  ])("%s: 400 ValidationException, not node's bare 400 or 431", async (_case, bytes, message) => {
    for (const [where, base] of both()) {
      const answer = await sendBytes(base, bytes)
      expect([answer.status, answer.headers['x-amzn-errortype'], answer.body], where).toEqual([
        400,
        'ValidationException',
        { message },
      ])
      expect(errorBody(answer.body), where).toBe(true)
    }
  })

  it("an outage of the simulator reaches the caller as a dropped connection, not Prism's 500", async () => {
    const away = sim.simulator.outage(1_000)
    try {
      await expect(send(sim.url, runRequest)).rejects.toThrow(/fetch failed/)
    } finally {
      await away
    }
    expect((await send(sim.url, runRequest)).status).toBe(200)
  })
})

describe('what node:http or Prism would answer of their own, or not at all, is answered as the spec says', () => {
  const both = () =>
    [
      ['pnpm sim', sim.url],
      ['the simulator alone', sim.simulator.url],
    ] as const
  const head = (method: string, target: string, headers: Record<string, string>) =>
    `${method} ${target} HTTP/1.1\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}connection: close\r\n\r\n`

  it.each([
    ['no Host header', {}],
    ['an Expect other than 100-continue', { host: 'x', expect: 'something-else' }],
  ])("%s: answered as the operation, not node's bare 400 or 417", async (_case, headers) => {
    for (const [where, base] of both()) {
      const answer = await sendBytes(
        base,
        head('GET', runRequest.path, { ...headers, authorization: 'Bearer wire-test' }),
      )
      expect([answer.status, answer.headers['x-amzn-errortype']], where).toEqual([200, undefined])
      expect(answer.headers['sl-violations'], where).toBeUndefined()
    }
  })

  it('CONNECT: 404 ResourceNotFoundException, not a closed connection, and no tunnel', async () => {
    for (const [where, base] of both()) {
      const { host } = new URL(base)
      const answer = await sendBytes(base, `CONNECT ${host} HTTP/1.1\r\nhost: ${host}\r\n\r\n`)
      expect([answer.status, answer.headers['x-amzn-errortype'], answer.body], where).toEqual([
        404,
        'ResourceNotFoundException',
        { message: `No operation of this API is CONNECT ${host}.` },
      ])
      expect(errorBody(answer.body), where).toBe(true)
    }
  })

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])(
    'a body of 2 MiB, %s: 400 ValidationException, not a reset connection',
    async (_case, chunked) => {
      const size = 2 * 1024 * 1024
      const piece = Buffer.alloc(16 * 1024, ' ')
      for (const [where, base] of both()) {
        const { hostname, port } = new URL(base)
        const answer = await new Promise<RawAnswer>((resolve, reject) => {
          const outgoing = httpRequest(
            {
              hostname,
              port,
              method: workflowsRequest.method,
              path: workflowsRequest.path,
              headers: {
                ...workflowsRequest.headers,
                ...(chunked ? {} : { 'content-length': String(size) }),
              },
            },
            (incoming) => readAnswer(incoming, resolve),
          )
          outgoing.setTimeout(10_000, () => outgoing.destroy(new Error('no answer in 10 s')))
          outgoing.on('error', reject)
          let sent = 0
          const pump = () => {
            while (sent < size) {
              sent += piece.length
              if (!outgoing.write(piece)) {
                outgoing.once('drain', pump)
                return
              }
            }
            outgoing.end()
          }
          pump()
        })
        expect([answer.status, answer.headers['x-amzn-errortype'], answer.body], where).toEqual([
          400,
          'ValidationException',
          { message: `The request body is larger than ${maxBodyBytes} bytes.` },
        ])
      }
    },
  )

  it('a body labelled with another charset than UTF-8 is answered (Prism would never answer it)', async () => {
    const request: Wire = {
      ...workflowsRequest,
      headers: { ...workflowsRequest.headers, 'content-type': 'application/json; charset=utf-16' },
      body: '{}',
    }
    for (const [where, base] of both()) {
      const answer = await send(base, request)
      expect([answer.status, answer.errorType], where).toEqual([200, null])
    }
  })

  it('a number too large for a double is refused as sent, not as null after Prism rewrote it', async () => {
    const start = operations.find((rules) => rules.id === 'StartWorkflowRun') as OperationRules
    const request = wire(start, validInput('StartWorkflowRun'), '{"clientToken":1e400}')
    for (const [where, base] of both()) {
      const answer = await send(base, request)
      expect([answer.status, answer.errorType], where).toEqual([400, 'ValidationException'])
      expect((answer.body as { message: string }).message, where).toMatch(
        /^1 validation error detected: Value '.*' at 'clientToken' failed to satisfy constraint: Member must be a string$/,
      )
      expectDocumented('StartWorkflowRun', answer, where)
    }
  })

  it('a character split across two chunks of the body is one character', async () => {
    const start = operations.find((rules) => rules.id === 'StartWorkflowRun') as OperationRules
    const { path } = wire(start, validInput('StartWorkflowRun'))
    const [first, second] = [
      Buffer.from('{"clientToken":"\xc3', 'latin1'),
      Buffer.from('\xa9"}', 'latin1'),
    ]
    const chunk = (bytes: Buffer) =>
      Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')])
    for (const [where, base] of both()) {
      const answer = await sendBytes(base, [
        Buffer.from(
          head('PUT', path, {
            host: 'x',
            authorization: 'Bearer wire-test',
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
          }),
        ),
        chunk(first as Buffer),
        chunk(second as Buffer),
        Buffer.from('0\r\n\r\n'),
      ])
      expect([answer.status, answer.headers['x-amzn-errortype']], where).toEqual([
        400,
        'ValidationException',
      ])
      expect((answer.body as { message: string }).message, where).toContain(
        "Value 'é' at 'clientToken'",
      )
    }
  })

  it("a lost answer reaches the caller through pnpm sim as a dropped connection, not Prism's 500", async () => {
    sim.simulator.loseResponses('GetWorkflowRun')
    await expect(send(sim.url, runRequest)).rejects.toThrow(/fetch failed/)
    expect((await send(sim.url, runRequest)).status).toBe(200)
  })
})

describe('a query integer is read as AWS reads one, and quoted as it was sent', () => {
  const list = operations.find((rules) => rules.id === 'ListWorkflowRuns') as OperationRules
  const { minimum, maximum } = list.members.find((rule) => rule.name === 'maxResults') as MemberRule
  const withMaxResults = (text: string): Wire => {
    const request = wire(list, { ...validInput('ListWorkflowRuns'), maxResults: undefined })
    const path = `${request.path}${request.path.includes('?') ? '&' : '?'}maxResults=${encodeURIComponent(text)}`
    return { ...request, path }
  }

  it.each(['+5', '05', String(maximum)])('%s: accepted', async (text) => {
    for (const base of [sim.url, sim.simulator.url]) {
      expect((await send(base, withMaxResults(text))).status).toBe(200)
    }
  })

  it.each([
    ['-0', `have value greater than or equal to ${minimum}`],
    ['99999999999999999999', `have value less than or equal to ${maximum}`],
    ['5.0', 'be an integer'],
    ['0x5', 'be an integer'],
  ])('%s: 400, the message quotes it as sent', async (text, must) => {
    for (const base of [sim.url, sim.simulator.url]) {
      const answer = await send(base, withMaxResults(text))
      expect([answer.status, answer.errorType, answer.body]).toEqual([
        400,
        'ValidationException',
        {
          message: `1 validation error detected: ${failed('maxResults', `'${text}'`, must)}`,
        },
      ])
    }
  })
})

describe('why the gate exists: Prism answers these itself, outside the spec', () => {
  it('a missing token is its own 401 and an unknown path its own 404, both problem+json', async () => {
    const unauthorized = await send(mock.url, withAuthorization(runRequest, undefined))
    const unknown = await send(mock.url, { ...runRequest, path: `${runRequest.path}/logs` })
    expect([unauthorized.status, unknown.status]).toEqual([401, 404])
    expect([unauthorized.errorType, unknown.errorType]).toEqual([null, null])
  })
})

describe('pnpm sim, as a process', () => {
  it('answers the two requests of the report 400 ValidationException, and stops on SIGINT', async () => {
    const script = fileURLToPath(new URL('../../../scripts/sim.ts', import.meta.url))
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] })
    stopWithThisProcess(child)
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = ''
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk
          const line = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1]
          if (line) resolve(line)
        })
        child.once('exit', (code: number | null) =>
          reject(new Error(`pnpm sim exited (${code}): ${output}`)),
        )
      })
      const list = operations.find((rules) => rules.id === 'ListWorkflowRuns') as OperationRules
      const answers = await Promise.all([
        send(url, wire(list, { ...validInput('ListWorkflowRuns'), maxResults: 51 })),
        send(url, wire(getRun, { ...validInput('GetWorkflowRun'), id: 'not-a-uuid' })),
      ])
      expect(answers.map((answer) => [answer.status, answer.errorType])).toEqual([
        [400, 'ValidationException'],
        [400, 'ValidationException'],
      ])
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGINT')
      await exited
    } finally {
      await stopProcess(child)
    }
  })
})
