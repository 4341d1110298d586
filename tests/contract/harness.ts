import {
  type CodeCatalystClient,
  type CodeCatalystClientOptions,
  createCodeCatalystClient,
} from '@codecatalyst-runs/client'
import { prismUrl } from '@codecatalyst-runs/testing/prism-url'
import {
  dateTimePaths,
  exampleInput,
  operations,
  outputSchemaRef,
  specValidator,
} from '@codecatalyst-runs/testing/spec'
import { failOnSpecViolations } from '@codecatalyst-runs/testing/spec-violations'

export { prismUrl }
export const token = 'contract-token'
export const operationIds = operations.map((operation) => operation.id)

// Every request a test sends through `conformingFetch` must satisfy the spec: Prism reports
// what does not in the `sl-violations` header, and the test that caused it fails.
const checked = failOnSpecViolations('requests that broke the spec')

/** A fetch that asks Prism for a given response (`Prefer`) and records spec violations. */
export function conformingFetch(prefer?: string): typeof fetch {
  return checked(async (input, init) => {
    const request = new Request(input, init)
    if (prefer) request.headers.set('Prefer', prefer)
    return fetch(request)
  })
}

/** Our client against the mock, one attempt per call. */
export function contractClient(options: CodeCatalystClientOptions = {}): CodeCatalystClient {
  return createCodeCatalystClient({ token, baseUrl: prismUrl, maxAttempts: 1, ...options })
}

/** Our client, asking Prism for a given response and recording spec violations. */
export function clientPreferring(prefer: string): CodeCatalystClient {
  return contractClient({ fetch: conformingFetch(prefer) })
}

/** Calls an operation by its spec id (`ListWorkflowRuns` → `client.listWorkflowRuns`). */
export function call(client: CodeCatalystClient, id: string, input = exampleInput(id)) {
  const method = (id.charAt(0).toLowerCase() + id.slice(1)) as keyof CodeCatalystClient
  return (client[method] as (input: unknown) => Promise<unknown>)(input)
}

const validator = specValidator()
const validators = new Map(
  operationIds.map((id) => [id, validator.compile({ $ref: `spec${outputSchemaRef(id)}` })]),
)
/** Validates a body against the operation's 200 schema. */
export function validateOutput(id: string, body: unknown): { valid: boolean; errors: unknown } {
  const validate = validators.get(id)
  if (!validate) throw new Error(`No operation ${id}`)
  return { valid: validate(body) as boolean, errors: validate.errors }
}

/** The date-time members of an operation's output, as paths like `items[].startTime`. */
export function dateTimeFieldsOf(id: string): string[] {
  return dateTimePaths({ $ref: outputSchemaRef(id) })
}

/** The values at a path like `items[].startTime`, with `[]` spread over the array. */
export function valuesAt(value: unknown, path: string): unknown[] {
  let values = [value]
  for (const part of path.split('.')) {
    const array = part.endsWith('[]')
    const key = array ? part.slice(0, -2) : part
    values = values.flatMap((item) => {
      const child = (item as Record<string, unknown> | undefined)?.[key]
      if (child === undefined || child === null) return []
      return array ? (child as unknown[]) : [child]
    })
  }
  return values
}

/** Fetches what Prism makes up for a seed, with the raw body it sent. */
export async function dynamicOutput(
  id: string,
  seed: number,
): Promise<{ output: unknown; wire: Record<string, unknown> }> {
  let wire: Record<string, unknown> = {}
  const recording = conformingFetch(`dynamic=true, seed=${seed}`)
  const client = contractClient({
    fetch: async (input, init) => {
      const response = await recording(input, init)
      wire = JSON.parse(await response.clone().text())
      return response
    },
  })
  const output = await call(client, id).catch((error: unknown) => {
    throw new Error(`${id} seed ${seed}: ${String(error)}`, { cause: error })
  })
  return { output, wire }
}
