import { describe, expect, it } from 'vitest'
import { smallSpec, thingPath, thingsPath } from './small-spec.ts'
import {
  followRef,
  listOperations,
  parseSpec,
  readSpec,
  resolvePointer,
  resolveSchema,
  SpecError,
  type SpecNode,
} from './spec-reader.ts'

/** The SpecError that reading `spec` throws. */
function refusal(spec: SpecNode): SpecError {
  try {
    readSpec(spec)
  } catch (error) {
    if (error instanceof SpecError) return error
    throw error
  }
  throw new Error('the spec was read without an error')
}

describe('parsing and $refs', () => {
  it('parses YAML and JSON, and refuses a document that is not an object', () => {
    expect(parseSpec('openapi: 3.1.0\npaths: {}\n')).toEqual({ openapi: '3.1.0', paths: {} })
    expect(parseSpec('{"openapi": "3.1.0"}')).toEqual({ openapi: '3.1.0' })
    expect(() => parseSpec('- a list')).toThrow(SpecError)
  })

  it('follows a local pointer, decoding ~1 and ~0, and says where its target is', () => {
    const spec = smallSpec()
    const ref = `#/paths/${thingPath.replaceAll('/', '~1')}/get/parameters/0`
    expect(resolvePointer(spec, ref)).toEqual({
      node: spec.paths[thingPath].get.parameters[0],
      where: `paths.${thingPath}.get.parameters[0]`,
    })
    expect(resolvePointer({ 'a~b': { c: {} } }, '#/a~0b/c').where).toBe('a~b.c')
  })

  it('follows chains of $refs, keeps nodes without one, and refuses loops', () => {
    const spec = { a: { $ref: '#/b' }, b: { $ref: '#/c' }, c: { here: true }, d: { $ref: '#/d' } }
    expect(followRef(spec, { $ref: '#/a' })).toEqual({ here: true })
    expect(followRef(spec, { plain: 1 })).toEqual({ plain: 1 })
    expect(() => followRef(spec, { $ref: '#/d' }, 'x.y')).toThrow('d: $ref #/d refers to itself')
  })

  it('refuses a $ref outside the spec, or to nothing, naming where it is written', () => {
    expect(() => resolvePointer({}, 'other.yaml#/Foo', 'paths./x.get')).toThrow(
      'paths./x.get: $ref other.yaml#/Foo is not supported: only references inside the spec (#/…) are',
    )
    expect(() => resolvePointer({ a: {} }, '#/a/b', 'components.schemas.X')).toThrow(
      'components.schemas.X: $ref #/a/b names nothing: the spec has no a.b',
    )
  })

  it('resolves a schema $ref with its sibling keywords winning, and names the component', () => {
    const spec = smallSpec()
    const resolved = resolveSchema(spec, {
      node: { $ref: '#/components/schemas/Status', description: 'Here.' },
      where: 'somewhere',
    })
    expect(resolved).toEqual({
      schema: { type: 'string', enum: ['ACTIVE', 'RETIRED'], description: 'Here.' },
      name: 'Status',
      where: 'components.schemas.Status',
    })
  })

  it('lists every operation in the spec order of its paths and methods', () => {
    expect(listOperations(smallSpec()).map(({ id, method, where }) => [id, method, where])).toEqual(
      [
        ['GetThing', 'get', `paths.${thingPath}.get`],
        ['ListThings', 'get', `paths.${thingsPath}.get`],
        ['PutThing', 'put', `paths.${thingsPath}.put`],
      ],
    )
  })
})

describe('the model of a spec', () => {
  const model = readSpec(smallSpec())
  const byId = (id: string) => model.operations.find((operation) => operation.id === id)

  it('has the first server, and each path with get, put, post, delete, patch in that order', () => {
    const spec = smallSpec((spec) => {
      const { put, get } = spec.paths[thingsPath]
      // Written put first: the model keeps the generator's order, get before put.
      spec.paths[thingsPath] = { put, get }
    })
    expect(readSpec(spec).operations.map((operation) => operation.id)).toEqual([
      'GetThing',
      'ListThings',
      'PutThing',
    ])
    expect(model.server).toBe('https://things.example.test')
    expect(readSpec(smallSpec((spec) => delete spec.servers)).server).toBeUndefined()
  })

  it('reads path and query parameters and body properties as members, required or not', () => {
    expect(
      byId('GetThing')?.members.map(({ name, location, required, where }) => ({
        name,
        location,
        required,
        where,
      })),
    ).toEqual([
      {
        name: 'id',
        location: 'path',
        required: true,
        where: `paths.${thingPath}.get.parameters[0]`,
      },
    ])
    expect(
      byId('PutThing')?.members.map(({ name, location, required, schema }) => [
        name,
        location,
        required,
        schema.where,
      ]),
    ).toEqual([
      ['name', 'body', true, 'components.schemas.PutThingRequest.properties.name'],
      ['clientToken', 'body', false, 'components.schemas.PutThingRequest.properties.clientToken'],
      ['tags', 'body', false, 'components.schemas.PutThingRequest.properties.tags'],
    ])
    expect(byId('GetThing')?.members[0]?.description).toBe("The thing's ID.")
  })

  it('reads the x-smithy traits of operations and members', () => {
    expect(byId('GetThing')).toMatchObject({ readonly: true, idempotent: false })
    expect(byId('PutThing')).toMatchObject({
      readonly: false,
      idempotent: true,
      idempotencyToken: 'clientToken',
      pagination: undefined,
    })
    expect(byId('ListThings')?.pagination).toEqual({
      inputToken: 'nextToken',
      outputToken: 'nextToken',
      pageSize: 'maxResults',
      items: 'items',
      maxPageSize: 50,
    })
  })

  it('reads the output schema as written, and each error once with its status', () => {
    expect(byId('GetThing')?.output).toEqual({
      node: { $ref: '#/components/schemas/GetThingResponse' },
      where: `paths.${thingPath}.get.responses.200.content.application/json.schema`,
    })
    expect(model.errors).toEqual([
      {
        name: 'ResourceNotFoundException',
        status: 404,
        description: 'The thing does not exist.',
        retryable: false,
        where: `paths.${thingPath}.get.responses.404`,
      },
      {
        name: 'ThrottlingException',
        status: 429,
        description: 'Too many requests.',
        retryable: true,
        where: `paths.${thingsPath}.get.responses.429`,
      },
    ])
    expect([...model.errorNames]).toEqual([
      [404, 'ResourceNotFoundException'],
      [429, 'ThrottlingException'],
    ])
  })
})

describe('what the reader refuses, and where it says the problem is', () => {
  const get = `paths.${thingPath}.get`
  const list = `paths.${thingsPath}.get`

  it.each(['header', 'cookie'])('a parameter in %s', (location) => {
    const error = refusal(
      smallSpec((spec) => {
        spec.paths[thingPath].get.parameters.push({ name: 'x', in: location, schema: {} })
      }),
    )
    expect(error.where).toBe(`${get}.parameters[1]`)
    expect(error.message).toContain(`parameters in ${location} are not supported`)
  })

  it('parameters on a path item', () => {
    const error = refusal(smallSpec((spec) => (spec.paths[thingPath].parameters = [])))
    expect(error.message).toMatch(
      /^paths\.\/v1\/things\/\{id\}\.parameters: parameters of a path item/,
    )
  })

  it('an operation under a method the generator does not compile', () => {
    const error = refusal(
      smallSpec((spec) => (spec.paths[thingPath].head = spec.paths[thingPath].get)),
    )
    expect(error.message).toBe(`paths.${thingPath}.head: head operations are not supported`)
  })

  it('an operation without an operationId', () => {
    const error = refusal(smallSpec((spec) => delete spec.paths[thingPath].get.operationId))
    expect(error.message).toBe(`${get}: the operation has no operationId`)
  })

  it('a parameter without a schema', () => {
    const error = refusal(
      smallSpec((spec) => delete spec.paths[thingPath].get.parameters[0].schema),
    )
    expect(error.where).toBe(`${get}.parameters[0].schema`)
    expect(error.message).toContain('no schema')
  })

  it('a $ref to a schema that does not exist', () => {
    const error = refusal(
      smallSpec((spec) => {
        spec.components.schemas.PutThingRequest.properties.name = {
          $ref: '#/components/schemas/Nope',
        }
      }),
    )
    expect(error.message).toBe(
      'components.schemas.PutThingRequest.properties.name: $ref #/components/schemas/Nope names no schema: there is no components.schemas.Nope',
    )
  })

  it.each([
    ['a pointer into the paths', `#/paths/~1v1~1things/get`],
    ['an external file', 'other.yaml#/components/schemas/Thing'],
  ])('a schema $ref to %s', (_what, ref) => {
    const error = refusal(
      smallSpec(
        (spec) => (spec.components.schemas.PutThingRequest.properties.name = { $ref: ref }),
      ),
    )
    expect(error.message).toBe(
      `components.schemas.PutThingRequest.properties.name: $ref ${ref} is not supported: a schema may only refer to #/components/schemas/…`,
    )
  })

  it('a parameter $ref to an external file', () => {
    const error = refusal(
      smallSpec((spec) => (spec.paths[thingPath].get.parameters[0] = { $ref: 'other.yaml#/Id' })),
    )
    expect(error.where).toBe(`${get}.parameters[0]`)
    expect(error.message).toContain('$ref other.yaml#/Id is not supported')
  })

  it('two idempotency tokens', () => {
    const error = refusal(
      smallSpec((spec) => {
        spec.components.schemas.PutThingRequest.properties.name['x-smithy-idempotency-token'] = true
      }),
    )
    expect(error.message).toBe(
      `paths.${thingsPath}.put: x-smithy-idempotency-token marks components.schemas.PutThingRequest.properties.name and components.schemas.PutThingRequest.properties.clientToken: an operation has at most one idempotency token`,
    )
  })

  it('an error answer without an x-amzn-errortype name', () => {
    const error = refusal(smallSpec((spec) => delete spec.components.responses.NotFound.headers))
    expect(error.where).toBe('components.responses.NotFound.headers.x-amzn-errortype')
    expect(error.message).toContain('an error answer needs its name')
  })

  it('an error answer without a schema', () => {
    const error = refusal(smallSpec((spec) => delete spec.components.responses.Throttled.content))
    expect(error.where).toBe('components.responses.Throttled.content.application/json.schema')
  })

  it('one error name with two statuses', () => {
    const error = refusal(
      smallSpec((spec) => {
        spec.paths[thingsPath].put.responses['410'] = { $ref: '#/components/responses/NotFound' }
      }),
    )
    expect(error.message).toBe(
      `paths.${thingsPath}.put.responses.410: ResourceNotFoundException has status 410 here and 404 at ${get}.responses.404: an error has one status`,
    )
  })

  it('two error names on one status', () => {
    const error = refusal(
      smallSpec((spec) => {
        spec.paths[thingsPath].put.responses['429'] = {
          description: 'Slow down.',
          headers: { 'x-amzn-errortype': { example: 'SlowDownException' } },
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ThrottlingException' } },
          },
        }
      }),
    )
    expect(error.where).toBe(`paths.${thingsPath}.put.responses.429`)
    expect(error.message).toContain(
      `SlowDownException has status 429, as ThrottlingException (${list}.responses.429) has`,
    )
  })

  it('a status that is not a number', () => {
    const error = refusal(
      smallSpec((spec) => {
        spec.paths[thingPath].get.responses.default = { $ref: '#/components/responses/NotFound' }
      }),
    )
    expect(error.message).toMatch(
      /^paths\.\/v1\/things\/\{id\}\.get\.responses\.default: status default/,
    )
  })

  it('an operation without a 200 answer, or a 200 answer without a schema', () => {
    expect(
      refusal(smallSpec((spec) => delete spec.paths[thingPath].get.responses['200'])).message,
    ).toBe(`${get}.responses: no 200 response: the output is its JSON body`)
    expect(
      refusal(smallSpec((spec) => delete spec.paths[thingPath].get.responses['200'].content)).where,
    ).toBe(`${get}.responses.200.content.application/json.schema`)
  })

  it('a paginated operation whose page size has no maximum', () => {
    const error = refusal(
      smallSpec((spec) => delete spec.paths[thingsPath].get.parameters[0].schema.maximum),
    )
    expect(error.message).toBe(
      `${list}.parameters[0]: the page size member maxResults of a paginated operation needs a maximum`,
    )
  })

  it('a paginated operation whose page size is no member, or with a key missing', () => {
    expect(
      refusal(
        smallSpec((spec) => (spec.paths[thingsPath].get['x-smithy-paginated'].pageSize = 'limit')),
      ).message,
    ).toBe(
      `${list}.x-smithy-paginated.pageSize: the page size limit is not an input member of the operation`,
    )
    expect(
      refusal(smallSpec((spec) => delete spec.paths[thingsPath].get['x-smithy-paginated'].items))
        .message,
    ).toBe(`${list}.x-smithy-paginated.items: items must name a member (a string)`)
  })
})
