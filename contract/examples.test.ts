import * as clientExports from '@codecatalyst-runs/client'
import {
  CodeCatalystServiceError,
  createCodeCatalystClient,
  type WorkflowRun,
} from '@codecatalyst-runs/client'
import { describe, expect, it } from 'vitest'
import { errorResponses, responseExamples } from '../scripts/spec.ts'
import { clientPreferring, exampleInput, expectedRun, prismUrl, token } from './harness.ts'

describe('every documented 200 example', () => {
  const examples = responseExamples('200')

  it('covers a succeeded, an in-progress and a failed run', () => {
    expect(examples.map(([name]) => name)).toEqual(
      expect.arrayContaining(['succeeded', 'inProgress', 'failed']),
    )
  })

  it.each(examples)('%s parses into the exact expected run, Dates included', async (name, wire) => {
    const run: WorkflowRun = await clientPreferring(`example=${name}`).getWorkflowRun(exampleInput)
    expect(run).toStrictEqual(expectedRun(wire as Record<string, unknown>))
    expect(run.startTime).toBeInstanceOf(Date)
  })
})

describe('every documented error', () => {
  const errors = errorResponses()

  it('are the six modelled errors', () => {
    expect(errors).toHaveLength(6)
  })

  it.each(errors)('$status becomes $name with its message and request id', async (expected) => {
    const error = await clientPreferring(`code=${expected.status}`)
      .getWorkflowRun(exampleInput)
      .catch((caught: unknown) => caught)
    const ErrorClass = (clientExports as Record<string, unknown>)[expected.name]
    expect(ErrorClass, `the client exports ${expected.name}`).toBeTypeOf('function')
    expect(error).toBeInstanceOf(ErrorClass as typeof CodeCatalystServiceError)
    expect(error).toMatchObject({
      name: expected.name,
      status: expected.status,
      message: expected.message,
      requestId: expected.requestId,
    })
  })
})

describe("Prism's own rejections", () => {
  // These requests break the spec on purpose, so they bypass the violation recorder.
  function clientSending(authorization: string | undefined) {
    return createCodeCatalystClient({
      token,
      baseUrl: prismUrl,
      maxAttempts: 1,
      fetch: async (input, init) => {
        const request = new Request(input, init)
        if (authorization === undefined) request.headers.delete('authorization')
        else request.headers.set('authorization', authorization)
        return fetch(request)
      },
    })
  }

  it.each([
    ['a missing token', undefined],
    ['a malformed token', 'Token abc'],
    ['a lower-case scheme', 'bearer abc'],
  ])('%s gets a 401 that the client reports as a service error', async (_case, authorization) => {
    const error = await clientSending(authorization)
      .getWorkflowRun(exampleInput)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystServiceError)
    expect(error).toMatchObject({ status: 401, retryable: false })
    expect((error as Error).message).toMatch(/security/i)
  })
})
