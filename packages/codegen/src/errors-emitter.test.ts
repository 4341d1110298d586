import { expect, it } from 'vitest'
import { emitErrors } from './errors-emitter.ts'
import { smallSpec, thingsPath } from './small-spec.ts'
import { readSpec } from './spec-reader.ts'

const code = emitErrors(readSpec(smallSpec()))

it('writes one class per modelled error, with its status, in the order the spec meets them', () => {
  expect(code).toContain(
    '/**\n * The thing does not exist.\n *\n * HTTP 404.\n */\nexport class ResourceNotFoundException extends CodeCatalystServiceError {\n  override readonly name = "ResourceNotFoundException"\n  static readonly status = 404\n  static readonly retryable = false\n}\n',
  )
  expect(code.indexOf('class ResourceNotFoundException')).toBeLessThan(
    code.indexOf('class ThrottlingException'),
  )
  expect(code).toContain(
    'export const modelledErrors = {\n  ResourceNotFoundException,\n  ThrottlingException,\n} as const\n',
  )
})

it('marks an error with x-smithy-retryable as retryable', () => {
  expect(code).toContain(' * HTTP 429. Retryable.\n')
  expect(code).toMatch(/class ThrottlingException [^}]*static readonly retryable = true/)
})

it("uses the error's name when its schema has no description", () => {
  const spec = smallSpec((spec) => delete spec.components.schemas.ThrottlingException.description)
  expect(emitErrors(readSpec(spec))).toContain('/**\n * ThrottlingException\n *\n * HTTP 429.')
})

it('writes an error met by several operations once', () => {
  const spec = smallSpec((spec) => {
    spec.paths[thingsPath].get.responses['404'] = { $ref: '#/components/responses/NotFound' }
  })
  expect(emitErrors(readSpec(spec)).match(/class ResourceNotFoundException/g)).toHaveLength(1)
})
