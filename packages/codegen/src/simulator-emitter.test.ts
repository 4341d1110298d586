import { expect, it } from 'vitest'
import { emitSimulatorTable } from './simulator-emitter.ts'
import { smallSpec, thingsPath } from './small-spec.ts'
import { readSpec } from './spec-reader.ts'

/** The table and error names in the emitted module, read back as JSON. */
function emitted(code: string) {
  const table = code.match(/export const operations = ([\s\S]*?) as const satisfies/)?.[1]
  const names = code.match(/export const errorNames: [^=]*= ([\s\S]*)\n$/)?.[1]
  return { operations: JSON.parse(table as string), errorNames: JSON.parse(names as string) }
}

it("lists each operation's route and each input member's location and constraints", () => {
  const { operations } = emitted(emitSimulatorTable(readSpec(smallSpec())))
  expect(operations).toEqual([
    {
      id: 'GetThing',
      method: 'GET',
      path: '/v1/things/{id}',
      members: [
        {
          name: 'id',
          location: 'path',
          required: true,
          type: 'string',
          minLength: 1,
          maxLength: 64,
          pattern: '^[a-z]+$',
        },
      ],
    },
    {
      id: 'ListThings',
      method: 'GET',
      path: '/v1/things',
      members: [
        {
          name: 'maxResults',
          location: 'query',
          required: false,
          type: 'integer',
          minimum: 1,
          maximum: 50,
        },
        { name: 'nextToken', location: 'query', required: false, type: 'string', maxLength: 10 },
      ],
    },
    {
      id: 'PutThing',
      method: 'PUT',
      path: '/v1/things',
      members: [
        { name: 'name', location: 'body', required: true, type: 'string', minLength: 3 },
        { name: 'clientToken', location: 'body', required: false, type: 'string', maxLength: 64 },
        {
          name: 'tags',
          location: 'body',
          required: false,
          type: 'array',
          maxItems: 10,
          items: 'object',
        },
      ],
    },
  ])
})

it('names the error of each error status, by status', () => {
  const spec = smallSpec((spec) => {
    spec.paths[thingsPath].put.responses['400'] = {
      description: 'Bad.',
      headers: { 'x-amzn-errortype': { example: 'ValidationException' } },
      content: { 'application/json': { schema: { type: 'object' } } },
    }
  })
  expect(emitted(emitSimulatorTable(readSpec(spec))).errorNames).toEqual({
    400: 'ValidationException',
    404: 'ResourceNotFoundException',
    429: 'ThrottlingException',
  })
})

it("types the table against the simulator's rules", () => {
  const code = emitSimulatorTable(readSpec(smallSpec()))
  expect(code).toContain("import type { OperationRules } from '../request-rules.ts'\n")
  expect(code).toContain("export type OperationId = (typeof operations)[number]['id']\n")
})
