import { errorResponses } from '@codecatalyst-runs/testing/spec'
import type {
  GetWorkflowErrors,
  GetWorkflowRunErrors,
  ListWorkflowRunsErrors,
  ListWorkflowsErrors,
  StartWorkflowRunErrors,
} from '@codecatalyst-runs/types'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { modelledErrors } from './generated/errors.gen.js'
import * as client from './index.js'

/** [name, status] of every error response of the operation, as the spec declares them. */
const specErrors = () =>
  errorResponses().map(({ name, status }): [string, number] => [name, status])

describe('error classes', () => {
  it('are exactly the errors the spec models, with their names and statuses', () => {
    const classes = Object.values(modelledErrors).map((ErrorClass) => [
      ErrorClass.name,
      ErrorClass.status,
    ])
    expect(classes.sort()).toEqual(specErrors().sort())
    for (const [name] of specErrors()) {
      const exported = (client as Record<string, unknown>)[name]
      expect(exported).toBe(modelledErrors[name as keyof typeof modelledErrors])
    }
  })

  it('cover every error status the generated types model', () => {
    type Covered = (typeof modelledErrors)[keyof typeof modelledErrors]['status']
    expectTypeOf<Covered>().toEqualTypeOf<
      | keyof GetWorkflowRunErrors
      | keyof ListWorkflowRunsErrors
      | keyof StartWorkflowRunErrors
      | keyof ListWorkflowsErrors
      | keyof GetWorkflowErrors
    >()
  })

  it('all extend CodeCatalystError and Error', () => {
    for (const ErrorClass of Object.values(modelledErrors)) {
      const error = new ErrorClass('m', {
        status: 400,
        errorType: undefined,
        requestId: undefined,
        headers: new Headers(),
        body: undefined,
      })
      expect(error).toBeInstanceOf(client.CodeCatalystServiceError)
      expect(error).toBeInstanceOf(client.CodeCatalystError)
      expect(error).toBeInstanceOf(Error)
    }
  })
})
