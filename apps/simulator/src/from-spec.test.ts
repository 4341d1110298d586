import { errorResponses } from '@codecatalyst-runs/testing/spec'
import { describe, expect, it } from 'vitest'
import { errorName } from './from-spec.ts'

describe('errorName', () => {
  it("is the spec's x-amzn-errortype of each error status", () => {
    for (const { status, name } of errorResponses('GetWorkflowRun')) {
      expect(errorName(status)).toBe(name)
    }
  })

  it('throws for a status the spec names no error for, rather than make a name up', () => {
    expect(() => errorName(500)).toThrow('The spec names no error for status 500.')
  })
})
