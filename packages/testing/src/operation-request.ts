// An operation's HTTP request built from the spec alone, without the client: for tests that
// judge the other side (Prism, a server) and must not depend on the client being right.
import { operationById } from './spec.ts'

export interface OperationRequest {
  readonly method: string
  /** The path with its parameters filled in and the query string, e.g. `/v1/…?maxResults=2`. */
  readonly path: string
  /** The JSON body, when the operation has one: the body members given, `{}` when none are. */
  readonly body?: string
}

/**
 * The request of operation `id` for `input`, put on the wire as the spec says: path parameters
 * percent-encoded into the path, query parameters when given, body members as JSON. Throws a
 * URIError for a path parameter that cannot be put in a URL (a lone surrogate); in a query
 * parameter, URLSearchParams writes a lone surrogate as U+FFFD instead.
 */
export function operationRequest(id: string, input: Record<string, unknown>): OperationRequest {
  const { node, method, path: template } = operationById(id)
  let path = template
  const query = new URLSearchParams()
  for (const parameter of node.parameters ?? []) {
    const value = input[parameter.name]
    if (value === undefined) continue
    if (parameter.in === 'path') {
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)))
    } else query.set(parameter.name, String(value))
  }
  const bodySchema = node.requestBody?.content['application/json'].schema
  const body: Record<string, unknown> = {}
  for (const name of Object.keys(bodySchema?.properties ?? {})) {
    if (input[name] !== undefined) body[name] = input[name]
  }
  const search = query.toString()
  return {
    method: method.toUpperCase(),
    path: `${path}${search ? `?${search}` : ''}`,
    ...(bodySchema ? { body: JSON.stringify(body) } : {}),
  }
}

export interface OperationResponse {
  readonly status: number
  readonly headers: Headers
  /** The body parsed as JSON, or its text when it is not JSON (undefined when empty). */
  readonly body: unknown
}

/**
 * Sends operation `id` to `baseUrl` as the spec says, with `Authorization: Bearer <token>`
 * unless `authorization` replaces it (`null`: no header at all), and reads the whole answer.
 */
export async function sendOperation(
  baseUrl: string,
  id: string,
  input: Record<string, unknown>,
  { token, authorization }: { token?: string; authorization?: string | null } = {},
): Promise<OperationResponse> {
  const request = operationRequest(id, input)
  const headers: Record<string, string> = {}
  const auth = authorization === undefined ? `Bearer ${token}` : authorization
  if (auth !== null) headers.authorization = auth
  if (request.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers,
    body: request.body,
  })
  const text = await response.text()
  let body: unknown = text === '' ? undefined : text
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: response.status, headers: response.headers, body }
}
