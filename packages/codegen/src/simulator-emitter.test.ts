import { describe, expect, it } from 'vitest'
import { emitSimulatorTable } from './simulator-emitter.ts'
import { smallSpec, thingsPath } from './small-spec.ts'
import { readSpec, SpecError, type SpecNode } from './spec-reader.ts'

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
          items: { type: 'object', members: [] },
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

/** The SpecError that emitting the simulator's table for `spec` throws. */
function refusal(spec: SpecNode): SpecError {
  try {
    emitSimulatorTable(readSpec(spec))
  } catch (error) {
    if (error instanceof SpecError) return error
    throw error
  }
  throw new Error('the spec was not refused')
}

describe('refuses a constraint the simulator would not check, naming where it is', () => {
  const putThing = (change: (request: SpecNode) => void) =>
    smallSpec((spec) => change(spec.components.schemas.PutThingRequest))

  it.each([
    [
      'a minimum number of items',
      putThing((request) => {
        request.properties.tags.minItems = 1
      }),
      /^components\.schemas\.PutThingRequest\.properties\.tags: the simulator cannot check "minItems"/,
    ],
    [
      'a format other than int32 within a range',
      smallSpec((spec) => {
        spec.paths[thingsPath].get.parameters[0].schema.format = 'int64'
      }),
      /parameters\[0\]\.schema: the simulator cannot check "format"/,
    ],
    [
      'a member of a type it does not check',
      putThing((request) => {
        request.properties.name = { type: 'boolean' }
      }),
      /^components\.schemas\.PutThingRequest\.properties\.name: the simulator checks input values of type string, integer, array, object, not "boolean"/,
    ],
    [
      'an enum of values other than strings',
      putThing((request) => {
        request.properties.name = { type: 'string', enum: ['one', 2] }
      }),
      /^components\.schemas\.PutThingRequest\.properties\.name: the simulator checks enums of strings only/,
    ],
    [
      'a keyword it does not know on a member of a list item',
      smallSpec((spec) => {
        spec.components.schemas.Tag.properties = { key: { type: 'string', format: 'email' } }
      }),
      /^components\.schemas\.Tag\.properties\.key: the simulator cannot check "format"/,
    ],
    [
      'int32 with a range wider than int32',
      smallSpec((spec) => {
        Object.assign(spec.paths[thingsPath].get.parameters[0].schema, {
          format: 'int32',
          maximum: 2 ** 31,
        })
      }),
      /parameters\[0\]\.schema: the simulator cannot check "format"/,
    ],
    [
      'a keyword of a parameter object, such as style',
      smallSpec((spec) => {
        spec.paths[thingsPath].get.parameters[0].style = 'form'
      }),
      /^paths\.\/v1\/things\.get\.parameters\[0\]: the simulator cannot check "style" of a parameter/,
    ],
    [
      "a keyword of the body's own schema, such as additionalProperties",
      putThing((request) => {
        request.additionalProperties = false
      }),
      /^components\.schemas\.PutThingRequest: the simulator cannot check "additionalProperties"/,
    ],
    [
      'a structure that contains itself',
      smallSpec((spec) => {
        spec.components.schemas.Tag.properties = {
          inner: { $ref: '#/components/schemas/Tag' },
        }
      }),
      /^components\.schemas\.Tag: the simulator cannot check Tag, which contains itself/,
    ],
  ])('%s', (_case, spec, message) => {
    expect(refusal(spec).message).toMatch(message)
  })

  it("takes an enum, and a list item's members with their own constraints", () => {
    const spec = smallSpec((spec) => {
      spec.components.schemas.Level = { type: 'string', enum: ['low', 'high'] }
      spec.components.schemas.Tag.required = ['key']
      spec.components.schemas.Tag.properties = {
        key: { type: 'string', maxLength: 3 },
        level: { $ref: '#/components/schemas/Level' },
      }
    })
    const { operations } = emitted(emitSimulatorTable(readSpec(spec)))
    expect(operations[2].members[2].items).toEqual({
      type: 'object',
      members: [
        { name: 'key', required: true, type: 'string', maxLength: 3 },
        { name: 'level', required: false, type: 'string', enum: ['low', 'high'] },
      ],
    })
  })

  it('takes int32 with a range, and annotations such as a description', () => {
    const spec = smallSpec((spec) => {
      const [maxResults] = spec.paths[thingsPath].get.parameters
      maxResults.schema.format = 'int32'
      maxResults.schema.description = 'How many.'
    })
    expect(() => emitSimulatorTable(readSpec(spec))).not.toThrow()
  })
})
