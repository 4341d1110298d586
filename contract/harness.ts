import { createCodeCatalystClient, type WorkflowRun } from '@codecatalyst-runs/client'
import { afterEach, beforeEach, expect, inject } from 'vitest'
import { spec, specValidator } from '../scripts/spec.ts'

export const prismUrl = inject('prismUrl')
export const token = 'contract-token'

// Every request a test sends through `conformingFetch` must satisfy the spec: Prism reports
// what does not in the `sl-violations` header, and the test that caused it fails.
let violations: string[] = []
beforeEach(() => {
  violations = []
})
afterEach(() => {
  expect(violations, 'requests that broke the spec (sl-violations)').toEqual([])
})

/** A fetch that asks Prism for a given response (`Prefer`) and records spec violations. */
export function conformingFetch(prefer?: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    if (prefer) request.headers.set('Prefer', prefer)
    const response = await fetch(request)
    const violation = response.headers.get('sl-violations')
    if (violation) violations.push(`${request.method} ${request.url}: ${violation}`)
    return response
  }
}

/** The date-time fields of the response schema, read from the spec. */
export const dateTimeFields = Object.entries(
  spec.components.schemas.GetWorkflowRunResponse.properties as Record<string, { format?: string }>,
)
  .filter(([, schema]) => schema.format === 'date-time')
  .map(([name]) => name)

/** What the client should return for a wire body: the spec's fields, with Dates. */
export function expectedRun(wire: Record<string, unknown>): Record<string, unknown> {
  const known = Object.keys(spec.components.schemas.GetWorkflowRunResponse.properties)
  return Object.fromEntries(
    Object.entries(wire)
      .filter(([key]) => known.includes(key))
      .map(([key, value]) => [
        key,
        dateTimeFields.includes(key) ? new Date(value as string) : value,
      ]),
  )
}

export const validateResponse = specValidator().compile({
  $ref: 'spec#/components/schemas/GetWorkflowRunResponse',
})

export const statuses: string[] = spec.components.schemas.WorkflowRunStatus.enum
export const exampleInput = {
  spaceName: 'my-space',
  projectName: 'my-project',
  id: '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
}

/** Fetches the run Prism makes up for a seed, with the raw body it sent. */
export async function dynamicRun(
  seed: number,
): Promise<{ run: WorkflowRun; wire: Record<string, unknown> }> {
  let wire: Record<string, unknown> = {}
  const recording = conformingFetch(`dynamic=true, seed=${seed}`)
  const client = createCodeCatalystClient({
    token,
    baseUrl: prismUrl,
    maxAttempts: 1,
    fetch: async (input, init) => {
      const response = await recording(input, init)
      wire = JSON.parse(await response.clone().text())
      return response
    },
  })
  const run = await client.getWorkflowRun(exampleInput).catch((error: unknown) => {
    throw new Error(`seed ${seed}: ${String(error)}`, { cause: error })
  })
  return { run, wire }
}

/** Our client, asking Prism for a given response and recording spec violations. */
export function clientPreferring(prefer: string) {
  return createCodeCatalystClient({
    token,
    baseUrl: prismUrl,
    maxAttempts: 1,
    fetch: conformingFetch(prefer),
  })
}
