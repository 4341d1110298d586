import { CodeCatalystInputError } from '@codecatalyst-runs/client'
import { where } from '@codecatalyst-runs/testing/fixtures'
import { operationRequest, sendOperation } from '@codecatalyst-runs/testing/operation-request'
import {
  exampleInput,
  operationById,
  resolveRef,
  type SpecNode,
} from '@codecatalyst-runs/testing/spec'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { call, contractClient, operationIds, prismUrl, token } from './harness.ts'

type Input = Record<string, unknown>

/**
 * What Prism, validating against the spec, makes of a request with these raw values, put on the
 * wire as the spec says (path, query, JSON body) without the client.
 */
async function prismAccepts(
  id: string,
  input: Input,
): Promise<boolean | 'unsendable' | 'undecidable'> {
  const { node } = operationById(id)
  for (const parameter of node.parameters) {
    // Prism reads `?workflowId=` as no workflowId at all, so it cannot judge an empty value.
    if (parameter.in === 'query' && input[parameter.name] === '') return 'undecidable'
  }
  try {
    operationRequest(id, input)
  } catch {
    return 'unsendable' // a lone surrogate cannot be put in a URL at all
  }
  const response = await sendOperation(prismUrl, id, input, { token })
  return response.status === 200 && !response.headers.has('sl-violations')
}

/** What the client does with the same input: send it (and what Prism said), or refuse it. */
async function clientOutcome(
  id: string,
  input: Input,
): Promise<'sent-accepted' | 'sent-rejected' | 'refused'> {
  let violation = false
  const client = contractClient({
    fetch: async (request, init) => {
      const response = await fetch(request, init)
      violation = response.status !== 200 || response.headers.has('sl-violations')
      return response
    },
  })
  try {
    await call(client, id, input)
    return violation ? 'sent-rejected' : 'sent-accepted'
  } catch (error) {
    if (error instanceof CodeCatalystInputError) return 'refused'
    if (violation) return 'sent-rejected'
    throw error
  }
}

/** The property: the client sends nothing Prism rejects, and refuses nothing Prism accepts. */
async function agreesWithPrism(id: string, input: Input) {
  const outcome = await clientOutcome(id, input)
  expect(outcome, 'the client sent a request that Prism rejected').not.toBe('sent-rejected')
  if (outcome === 'refused') {
    expect(await prismAccepts(id, input), 'the client refused an input the spec allows').not.toBe(
      true,
    )
  }
}

// Names as the spec's pattern for a space name allows them (project names and client tokens
// have the same pattern).
const namePattern: string = resolveRef(
  operationById('GetWorkflowRun').node.parameters.find(
    (parameter: SpecNode) => parameter.name === 'spaceName',
  ).schema,
).pattern
const name = fc.stringMatching(new RegExp(namePattern))
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
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined })

describe("the client's input checks agree with Prism's validation of the spec", () => {
  it('GetWorkflowRun: path parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ spaceName: fc.oneof(name, edgy), projectName: fc.oneof(name, edgy), id: uuid }),
        (input) => agreesWithPrism('GetWorkflowRun', input),
      ),
      { numRuns: 200, seed: 20261124 },
    )
  })

  it('ListWorkflowRuns: query parameters and the sortBy body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          spaceName: fc.constant(where.spaceName),
          projectName: fc.oneof(name, edgy),
          workflowId: optional(uuid),
          maxResults: optional(
            fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constantFrom(0, 1, 50, 51, 2.5)),
          ),
          nextToken: optional(
            fc.oneof(
              fc.string({ maxLength: 20 }),
              fc.constantFrom('', 'x'.repeat(2048), 'x'.repeat(2049)),
            ),
          ),
          sortBy: optional(fc.constantFrom([], [{}], [{}, {}])),
        }),
        (input) => agreesWithPrism('ListWorkflowRuns', input),
      ),
      { numRuns: 200, seed: 20261124 },
    )
  })

  it('StartWorkflowRun: the required workflowId and the clientToken', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          spaceName: fc.oneof(name, edgy),
          projectName: fc.constant('p'),
          workflowId: uuid,
          clientToken: optional(
            fc.oneof(name, edgy, fc.constantFrom('a'.repeat(64), 'a'.repeat(65), 'tok_1.2-3')),
          ),
        }),
        (input) => agreesWithPrism('StartWorkflowRun', input),
      ),
      { numRuns: 200, seed: 20261124 },
    )
  })

  it.each(operationIds)('%s: the example input is sent and accepted', async (id) => {
    expect(await clientOutcome(id, exampleInput(id))).toBe('sent-accepted')
  })
})
