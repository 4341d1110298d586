// The simulator's request check on rules written here, not the spec's: each constraint kind,
// AWS's wording, several violations at once, and what it leaves alone.
import { describe, expect, it } from 'vitest'
import {
  checkRequest,
  type OperationRules,
  type RawRequest,
  RequestValidationError,
  requestTarget,
  route,
} from './request-rules.ts'

const rules: OperationRules = {
  id: 'DoThing',
  method: 'POST',
  path: '/things/{name}',
  members: [
    { name: 'name', location: 'path', required: true, type: 'string', minLength: 3, maxLength: 5 },
    { name: 'id', location: 'query', required: true, type: 'string', pattern: '^[a-f]+$' },
    { name: 'count', location: 'query', required: false, type: 'integer', minimum: 1, maximum: 9 },
    { name: 'tag', location: 'body', required: false, type: 'string', minLength: 1 },
    {
      name: 'sortBy',
      location: 'body',
      required: false,
      type: 'array',
      maxItems: 1,
      items: { type: 'object', members: [] },
    },
    {
      name: 'filters',
      location: 'body',
      required: false,
      type: 'array',
      items: {
        type: 'object',
        members: [
          { name: 'key', required: true, type: 'string', enum: ['hasAccessTo', 'name'] },
          {
            name: 'values',
            required: true,
            type: 'array',
            items: { type: 'string', maxLength: 3 },
          },
        ],
      },
    },
  ],
}

const request = (
  path: Record<string, string>,
  query: string,
  body: Record<string, unknown> = {},
): RawRequest => ({ path, query: new URLSearchParams(query), body })

function messageOf(raw: RawRequest): string {
  try {
    checkRequest(rules, raw)
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError)
    return (error as Error).message
  }
  throw new Error('the request was accepted')
}

const one = (violation: string) => `1 validation error detected: ${violation}`

describe('checkRequest', () => {
  it('returns the input by member name, a query integer as a number, unknown members left out', () => {
    const input = checkRequest(
      rules,
      request({ name: 'abcd' }, 'id=abc&count=3&other=1', { tag: 'x', sortBy: [{}], extra: true }),
    )
    expect(input).toEqual({ name: 'abcd', id: 'abc', count: 3, tag: 'x', sortBy: [{}] })
  })

  it.each([
    [
      'a required member that is missing',
      request({ name: 'abcd' }, ''),
      "Value null at 'id' failed to satisfy constraint: Member must not be null",
    ],
    [
      'too short',
      request({ name: 'ab' }, 'id=a'),
      "Value 'ab' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 3",
    ],
    [
      'too long, counted in code points',
      request({ name: '😀😀😀😀😀😀' }, 'id=a'),
      "Value '😀😀😀😀😀😀' at 'name' failed to satisfy constraint: Member must have length less than or equal to 5",
    ],
    [
      'an empty body string under a minimum length',
      request({ name: 'abc' }, 'id=a', { tag: '' }),
      "Value '' at 'tag' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'an empty query value, which is a value (it is not left out)',
      request({ name: 'abc' }, 'id='),
      "Value '' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-f]+$",
    ],
    [
      'minus zero, quoted as it was sent',
      request({ name: 'abc' }, 'id=a&count=-0'),
      "Value '-0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'an integer too large to hold exactly: its range, quoted as sent',
      request({ name: 'abc' }, 'id=a&count=99999999999999999999'),
      "Value '99999999999999999999' at 'count' failed to satisfy constraint: Member must have value less than or equal to 9",
    ],
    [
      'a hexadecimal integer',
      request({ name: 'abc' }, 'id=a&count=0x5'),
      "Value '0x5' at 'count' failed to satisfy constraint: Member must be an integer",
    ],
    [
      'a pattern',
      request({ name: 'abc' }, 'id=xyz'),
      "Value 'xyz' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-f]+$",
    ],
    [
      'above the maximum',
      request({ name: 'abc' }, 'id=a&count=10'),
      "Value '10' at 'count' failed to satisfy constraint: Member must have value less than or equal to 9",
    ],
    [
      'below the minimum',
      request({ name: 'abc' }, 'id=a&count=0'),
      "Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'an integer that is not one',
      request({ name: 'abc' }, 'id=a&count=1.5'),
      "Value '1.5' at 'count' failed to satisfy constraint: Member must be an integer",
    ],
    [
      'too many items',
      request({ name: 'abc' }, 'id=a', { sortBy: [{}, {}] }),
      "Value '[{},{}]' at 'sortBy' failed to satisfy constraint: Member must have length less than or equal to 1",
    ],
    [
      'an item that is not a structure',
      request({ name: 'abc' }, 'id=a', { sortBy: [3] }),
      "Value '3' at 'sortBy.1.member' failed to satisfy constraint: Member must be a structure",
    ],
    [
      'a body member of the wrong type',
      request({ name: 'abc' }, 'id=a', { tag: 7 }),
      "Value '7' at 'tag' failed to satisfy constraint: Member must be a string",
    ],
    [
      'an enum value the spec does not list, in a structure in a list',
      request({ name: 'abc' }, 'id=a', { filters: [{ key: 'owner', values: [] }] }),
      "Value 'owner' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [hasAccessTo, name]",
    ],
    [
      'a required member of a structure in a list',
      request({ name: 'abc' }, 'id=a', { filters: [{ key: 'name', values: [] }, { key: 'name' }] }),
      "Value null at 'filters.2.member.values' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a list item of a list in a structure',
      request({ name: 'abc' }, 'id=a', { filters: [{ key: 'name', values: ['ok', 'long'] }] }),
      "Value 'long' at 'filters.1.member.values.2.member' failed to satisfy constraint: Member must have length less than or equal to 3",
    ],
    [
      'a null list item',
      request({ name: 'abc' }, 'id=a', { filters: [null] }),
      "Value null at 'filters.1.member' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a number too large for a double (JSON.parse reads 1e400 as Infinity), quoted as a number',
      request({ name: 'abc' }, 'id=a', { tag: Number.POSITIVE_INFINITY }),
      "Value 'Infinity' at 'tag' failed to satisfy constraint: Member must be a string",
    ],
    [
      'a list that is not one',
      request({ name: 'abc' }, 'id=a', { sortBy: {} }),
      "Value '{}' at 'sortBy' failed to satisfy constraint: Member must be a list",
    ],
  ])('%s: a ValidationException naming the member and the constraint', (_case, raw, violation) => {
    expect(messageOf(raw)).toBe(one(violation))
  })

  it.each([
    ['+5', 5],
    ['05', 5],
    ['9', 9],
  ])('the query integer %s is %d, as Smithy servers read it', (text, count) => {
    expect(
      checkRequest(rules, request({ name: 'abc' }, `id=a&count=${encodeURIComponent(text)}`)),
    ).toMatchObject({ count })
  })

  it('accepts a structure that meets its members, leaving members the spec lacks alone', () => {
    const filters = [{ key: 'hasAccessTo', values: ['me', ''], extra: 1 }]
    expect(checkRequest(rules, request({ name: 'abc' }, 'id=a', { filters }))).toMatchObject({
      filters,
    })
  })

  it('a null body member counts as missing, as AWS reads JSON null', () => {
    expect(checkRequest(rules, request({ name: 'abc' }, 'id=a', { tag: null }))).not.toHaveProperty(
      'tag',
    )
  })

  it('lists every violation, in member order, joined by "; "', () => {
    expect(messageOf(request({ name: 'a' }, 'count=99'))).toBe(
      [
        "3 validation errors detected: Value 'a' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 3",
        "Value null at 'id' failed to satisfy constraint: Member must not be null",
        "Value '99' at 'count' failed to satisfy constraint: Member must have value less than or equal to 9",
      ].join('; '),
    )
  })

  it('a value that breaks two constraints of one member is reported for each', () => {
    const both: OperationRules = {
      ...rules,
      members: [
        {
          name: 'id',
          location: 'query',
          required: true,
          type: 'string',
          minLength: 3,
          pattern: '^[a-f]+$',
        },
      ],
    }
    expect(() => checkRequest(both, request({}, 'id=z'))).toThrow(
      /^2 validation errors detected: Value 'z' at 'id' .* length greater than or equal to 3; Value 'z' at 'id' .* pattern: \^\[a-f\]\+\$$/,
    )
  })
})

describe('requestTarget', () => {
  it('reads a path, one that begins with // as a path, and an absolute URL by its path', () => {
    expect(requestTarget('/things/a?x=1')?.pathname).toBe('/things/a')
    expect(requestTarget('//elsewhere/things/a')?.pathname).toBe('//elsewhere/things/a')
    expect(requestTarget('http://elsewhere/things/a?x=1')?.pathname).toBe('/things/a')
  })

  it('reads no URL from a target that is neither', () => {
    expect(requestTarget('*')).toBeUndefined()
    expect(requestTarget('elsewhere:443')).toBeUndefined()
  })
})

describe('route', () => {
  it('matches the method and the path template, and gives the raw path parameters', () => {
    expect(route([rules], 'POST', '/things/a%20b')).toEqual({ rules, path: { name: 'a%20b' } })
  })

  it('matches nothing for another method, another path, or an empty segment', () => {
    expect(route([rules], 'GET', '/things/abc')).toBeUndefined()
    expect(route([rules], 'POST', '/things/abc/more')).toBeUndefined()
    expect(route([rules], 'POST', '/things/')).toBeUndefined()
  })
})
