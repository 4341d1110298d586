import { CodeCatalystInputError, createCodeCatalystClient } from '@codecatalyst-runs/client'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exampleInput, prismUrl, token } from './harness.ts'

type Input = { spaceName: string; projectName: string; id: string }

/** What Prism, validating against the spec, makes of a request with these raw path values. */
async function prismAccepts(input: Input): Promise<boolean | 'unsendable'> {
  let path: string
  try {
    path = `/v1/spaces/${encodeURIComponent(input.spaceName)}/projects/${encodeURIComponent(input.projectName)}/workflowRuns/${encodeURIComponent(input.id)}`
  } catch {
    return 'unsendable' // a lone surrogate cannot be put in a URL at all
  }
  const response = await fetch(`${prismUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  await response.arrayBuffer()
  return response.status === 200 && !response.headers.has('sl-violations')
}

/** What the client does with the same input: send it (and what Prism said), or refuse it. */
async function clientOutcome(input: Input): Promise<'sent-accepted' | 'sent-rejected' | 'refused'> {
  let violation = false
  const client = createCodeCatalystClient({
    token,
    baseUrl: prismUrl,
    maxAttempts: 1,
    fetch: async (request) => {
      const response = await fetch(request as Request)
      violation = response.status !== 200 || response.headers.has('sl-violations')
      return response
    },
  })
  try {
    await client.getWorkflowRun(input)
    return violation ? 'sent-rejected' : 'sent-accepted'
  } catch (error) {
    if (error instanceof CodeCatalystInputError) return 'refused'
    if (violation) return 'sent-rejected'
    throw error
  }
}

const name = fc.stringMatching(/^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/)
const edgy = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'ab',
    'abc',
    'a'.repeat(63),
    'a'.repeat(64),
    '..',
    '.',
    'a.b',
    'a..b',
    'a_b',
    '-a',
    'a-',
    'a b',
    'a/b',
    '%2F',
    'é',
  ),
  fc.string({ maxLength: 70 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
)
const uuid = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => id.slice(1)),
  fc.string(),
)

describe("the client's input checks agree with Prism's validation of the spec", () => {
  it('it sends what the spec accepts and refuses what it rejects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ spaceName: fc.oneof(name, edgy), projectName: fc.oneof(name, edgy), id: uuid }),
        async (input) => {
          const outcome = await clientOutcome(input)
          expect(outcome, 'the client sent a request that Prism rejected').not.toBe('sent-rejected')
          if (outcome === 'refused') {
            expect(
              await prismAccepts(input),
              'the client refused an input the spec allows',
            ).not.toBe(true)
          }
        },
      ),
      { numRuns: 200, seed: 20261124 },
    )
  })

  it('the example input is sent and accepted', async () => {
    expect(await clientOutcome(exampleInput)).toBe('sent-accepted')
  })
})
