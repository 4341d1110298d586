import * as clientExports from '@codecatalyst-runs/client'
import { CodeCatalystServiceError, createCodeCatalystClient } from '@codecatalyst-runs/client'
import {
  errorResponses,
  exampleInput,
  expectedOutput,
  responseExamples,
} from '@codecatalyst-runs/testing/spec'
import { describe, expect, it } from 'vitest'
import { call, clientPreferring, operationIds, prismUrl, token, valuesAt } from './harness.ts'

describe.each(operationIds)('%s', (id) => {
  const examples = responseExamples('200', id)

  it.each(examples)(
    'the %s example parses into the exact expected output, Dates included',
    async (name, wire) => {
      const output = await call(clientPreferring(`example=${name}`), id)
      expect(output).toStrictEqual(expectedOutput(id, wire))
    },
  )

  it.each(errorResponses(id))(
    '$status becomes $name with its message and request id',
    async (expected) => {
      const error = await call(clientPreferring(`code=${expected.status}`), id).catch(
        (caught: unknown) => caught,
      )
      const ErrorClass = (clientExports as Record<string, unknown>)[expected.name]
      expect(ErrorClass, `the client exports ${expected.name}`).toBeTypeOf('function')
      expect(error).toBeInstanceOf(ErrorClass as typeof CodeCatalystServiceError)
      expect(error).toMatchObject({
        name: expected.name,
        status: expected.status,
        message: expected.message,
        requestId: expected.requestId,
        attempts: 1,
      })
    },
  )
})

it('GetWorkflowRun examples cover a succeeded, an in-progress and a failed run', () => {
  expect(responseExamples('200').map(([name]) => name)).toEqual(
    expect.arrayContaining(['succeeded', 'inProgress', 'failed']),
  )
})

it('every timestamp of every example arrives as a Date', async () => {
  const output = await call(clientPreferring('example=firstPage'), 'ListWorkflowRuns')
  const dates = valuesAt(output, 'items[].startTime')
  expect(dates).toHaveLength(2)
  for (const date of dates) expect(date).toBeInstanceOf(Date)
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
    for (const id of operationIds) {
      const error = await call(clientSending(authorization), id, exampleInput(id)).catch(
        (caught: unknown) => caught,
      )
      expect(error, id).toBeInstanceOf(CodeCatalystServiceError)
      expect(error, id).toMatchObject({ status: 401, retryable: false })
      expect((error as Error).message).toMatch(/security/i)
    }
  })
})
