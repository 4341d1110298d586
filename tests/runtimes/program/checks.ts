// The checks every runtime runs against the packed client. Runtime-neutral: only the client's
// public API and what every fetch runtime has (fetch, Request, AbortController, performance).
// To add a check, append one to `checks`; it becomes a column of the report. A check that needs
// another server (say a simulator's URL) gets a field in CheckContext, which the harness fills.
import {
  CodeCatalystAbortError,
  CodeCatalystError,
  CodeCatalystInputError,
  CodeCatalystServiceError,
  createCodeCatalystClient,
  ResourceNotFoundException,
} from '@codecatalyst-runs/client'

/** What the spec's examples say the mock answers; the harness reads it from the spec. */
export interface Expected {
  /** The 200 example: the run the mock returns. */
  readonly run: Record<string, string>
  /** The spec's 404 response: its message and example request id. */
  readonly notFound: { readonly message: string; readonly requestId: string }
}

/** Everything the checks are given; the harness passes it to each runtime as JSON. */
export interface CheckContext {
  /** The Prism mock's base URL. */
  readonly apiUrl: string
  readonly expected: Expected
}

export interface Check {
  /** The column title in the report. */
  readonly name: string
  /** Resolves when the check holds; throws an Error saying what differed otherwise. */
  run(context: CheckContext): Promise<void>
}

export interface CheckResult {
  readonly name: string
  readonly ok: boolean
  readonly ms: number
  readonly error?: string
}

const token = 'runtime-check-token'
const dateFields = ['startTime', 'endTime', 'lastUpdatedTime']

function inputOf({ run }: Expected) {
  return { spaceName: run.spaceName ?? '', projectName: run.projectName ?? '', id: run.id ?? '' }
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.constructor.name} ${value.name}: ${value.message}`
  return String(value)
}

/** A fetch that counts calls and may add headers: the client's `fetch` option, no patching. */
function countingFetch(headers: Record<string, string> = {}, onSent?: () => void) {
  const counter = {
    calls: 0,
    fetch: (resource: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      counter.calls++
      const request = new Request(resource, init)
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value)
      const response = fetch(request)
      onSent?.()
      return response
    },
  }
  return counter
}

export const checks: readonly Check[] = [
  {
    name: 'getWorkflowRun',
    async run({ apiUrl, expected }) {
      const client = createCodeCatalystClient({ token, baseUrl: apiUrl, maxAttempts: 1 })
      const run = (await client.getWorkflowRun(inputOf(expected))) as unknown as Record<
        string,
        unknown
      >
      for (const [field, value] of Object.entries(expected.run)) {
        const actual = run[field]
        if (dateFields.includes(field)) {
          check(actual instanceof Date, `${field} is not a Date: ${describe(actual)}`)
          check(
            actual.getTime() === Date.parse(value),
            `${field} is ${actual.toISOString()}, expected ${value}`,
          )
        } else {
          check(actual === value, `${field} is ${describe(actual)}, expected ${value}`)
        }
      }
    },
  },
  {
    name: '404 → ResourceNotFoundException',
    async run({ apiUrl, expected }) {
      // Prism answers the spec's 404 example when asked with `Prefer: code=404`.
      const counter = countingFetch({ Prefer: 'code=404' })
      const client = createCodeCatalystClient({
        token,
        baseUrl: apiUrl,
        fetch: counter.fetch,
      })
      const error = await client.getWorkflowRun(inputOf(expected)).then(
        (run) => run,
        (caught: unknown) => caught,
      )
      check(
        error instanceof ResourceNotFoundException,
        `expected a ResourceNotFoundException, got ${describe(error)}`,
      )
      check(error instanceof CodeCatalystServiceError, 'not a CodeCatalystServiceError')
      check(error instanceof CodeCatalystError && error instanceof Error, 'not a CodeCatalystError')
      check(error.name === 'ResourceNotFoundException', `name is ${error.name}`)
      check(error.status === 404, `status is ${error.status}`)
      check(
        error.message === expected.notFound.message,
        `message is ${JSON.stringify(error.message)}`,
      )
      // Only readable cross-origin when the server exposes the header (a browser hides it else).
      check(
        error.requestId === expected.notFound.requestId,
        `requestId is ${error.requestId}, expected ${expected.notFound.requestId}`,
      )
      check(counter.calls === 1, `${counter.calls} requests sent for a 404, expected 1`)
    },
  },
  {
    name: 'abort → CodeCatalystAbortError',
    async run({ apiUrl, expected }) {
      const controller = new AbortController()
      const reason = new Error('the caller gave up')
      // Aborted once the request is in the runtime's fetch, before any answer can have come.
      const counter = countingFetch({}, () => controller.abort(reason))
      const client = createCodeCatalystClient({ token, baseUrl: apiUrl, fetch: counter.fetch })
      const error = await client
        .getWorkflowRun(inputOf(expected), { signal: controller.signal })
        .then(
          (run) => run,
          (caught: unknown) => caught,
        )
      check(
        error instanceof CodeCatalystAbortError,
        `expected a CodeCatalystAbortError, got ${describe(error)}`,
      )
      check(error.name === 'CodeCatalystAbortError', `name is ${error.name}`)
      check(error.cause === reason, `cause is ${describe(error.cause)}, not the abort reason`)
      check(counter.calls === 1, `${counter.calls} requests sent, expected 1 (no retry)`)
    },
  },
  {
    name: 'invalid input → nothing sent',
    async run({ apiUrl, expected }) {
      const counter = countingFetch()
      const client = createCodeCatalystClient({ token, baseUrl: apiUrl, fetch: counter.fetch })
      const error = await client.getWorkflowRun({ ...inputOf(expected), id: 'not-a-uuid' }).then(
        (run) => run,
        (caught: unknown) => caught,
      )
      check(
        error instanceof CodeCatalystInputError,
        `expected a CodeCatalystInputError, got ${describe(error)}`,
      )
      check(
        error.parameter === 'id' && error.constraint === 'pattern',
        `blamed ${error.parameter}/${error.constraint}, expected id/pattern`,
      )
      check(counter.calls === 0, `${counter.calls} requests sent for an invalid input`)
    },
  },
  {
    name: 'startWorkflowRun → a UUID token per call',
    async run({ apiUrl, expected }) {
      // The idempotency token comes from the runtime's crypto: one per call, a UUID v4.
      const tokens: unknown[] = []
      const client = createCodeCatalystClient({
        token,
        baseUrl: apiUrl,
        maxAttempts: 1,
        fetch: async (resource, init) => {
          tokens.push(JSON.parse(String(init?.body)).clientToken)
          return fetch(resource, init)
        },
      })
      const { spaceName, projectName } = inputOf(expected)
      const input = { spaceName, projectName, workflowId: expected.run.workflowId ?? '' }
      const started = await client.startWorkflowRun(input)
      await client.startWorkflowRun(input)
      check(typeof started.id === 'string' && started.id !== '', 'no run id in the answer')
      const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      for (const sent of tokens) check(uuidV4.test(String(sent)), `clientToken ${String(sent)}`)
      check(tokens.length === 2 && tokens[0] !== tokens[1], 'two calls sent the same token')
    },
  },
]

/** Runs every check in turn; a failing check never stops the next one. */
export async function runChecks(context: CheckContext): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  for (const { name, run } of checks) {
    const start = performance.now()
    try {
      await run(context)
      results.push({ name, ok: true, ms: performance.now() - start })
    } catch (error) {
      results.push({ name, ok: false, ms: performance.now() - start, error: describe(error) })
    }
  }
  return results
}
