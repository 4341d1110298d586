import { readFileSync } from 'node:fs'
import type { GetWorkflowRunErrors } from '@codecatalyst-runs/types'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { parse } from 'yaml'
import { modelledErrors } from './errors.js'
import * as client from './index.js'

const spec = parse(
  readFileSync(new URL('../../../spec/codecatalyst.openapi.yaml', import.meta.url), 'utf8'),
)

/** [name, status] of every error response of the operation, as the spec declares them. */
function specErrors(): Array<[string, number]> {
  const responses =
    spec.paths['/v1/spaces/{spaceName}/projects/{projectName}/workflowRuns/{id}'].get.responses
  return Object.entries(responses as Record<string, { $ref?: string }>)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, response]) => {
      const resolved = response.$ref
        ? spec.components.responses[response.$ref.split('/').pop() as string]
        : response
      return [resolved.headers['x-amzn-errortype'].example as string, Number(status)]
    })
}

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
    expectTypeOf<Covered>().toEqualTypeOf<keyof GetWorkflowRunErrors>()
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
