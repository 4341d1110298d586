// The docs' code samples written from small specs: values from the examples, which samples each
// operation gets, the curl and CLI commands, the x-codeSamples copy, and what is refused.
import { describe, expect, it } from 'vitest'
import { emitSamples, shellWord, tsLiteral, withCodeSamples } from './samples-emitter.ts'
import { smallSpec, thingPath, thingsPath } from './small-spec.ts'
import { readSpec, SpecError, type SpecNode } from './spec-reader.ts'

/** The small spec with an example for every required member, and a named example page. */
function exemplified(change?: (spec: SpecNode) => void): SpecNode {
  return smallSpec((spec) => {
    spec.paths[thingPath].get.parameters[0].example = 'abc'
    spec.paths[thingsPath].get.parameters[0].example = 50
    spec.paths[thingsPath].get.parameters[1].example = 'next'
    spec.paths[thingsPath].get.responses['200'].content['application/json'].examples = {
      page: { value: { items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], nextToken: 'x' } },
    }
    spec.paths[thingsPath].put.requestBody.content['application/json'].example = {
      name: "O'Brien's",
      clientToken: 'token-1',
      tags: [{}],
    }
    change?.(spec)
  })
}

function samplesOf(spec: SpecNode, operationId: string) {
  const entry = emitSamples(readSpec(spec)).find((e) => e.operationId === operationId)
  if (!entry) throw new Error(`no samples for ${operationId}`)
  return entry.samples
}

describe('the samples of an operation', () => {
  it('start with the TypeScript method, with the example values, and end with curl', () => {
    const samples = samplesOf(exemplified(), 'GetThing')
    expect(samples.map((s) => [s.kind, s.lang, s.label])).toEqual([
      ['method', 'TypeScript', 'TypeScript'],
      ['curl', 'Shell', 'curl'],
    ])
    expect(samples[0]?.source).toContain(
      "import { createCodeCatalystClient } from '@codecatalyst-runs/client'",
    )
    expect(samples[0]?.source).toContain(
      "const output = await client.getThing({\n  id: 'abc',\n})\nconsole.log(JSON.stringify(output, null, 2))\n",
    )
  })

  it('add a paginator for a paginated operation, leaving it the token and the page size', () => {
    const samples = samplesOf(exemplified(), 'ListThings')
    expect(samples.map((s) => s.kind)).toEqual(['method', 'paginator', 'curl'])
    // The method sends the page size, never a token: a first request has none.
    expect(samples[0]?.source).toContain(
      'const page = await client.listThings({\n  maxResults: 50,\n})',
    )
    // As many items as the example page holds, so that the mock is never asked for a second.
    expect(samples[1]?.source).toContain(
      'for await (const thingSummary of client.paginateThings(input, { maxItems: 3 })) {',
    )
    expect(samples[1]?.source).toContain('const input = {}')
  })

  it('leave the idempotency token to the client in TypeScript, and send it with curl', () => {
    const [method, curl] = samplesOf(exemplified(), 'PutThing')
    expect(method?.source).toContain(
      "await client.putThing({\n  name: 'O\\'Brien\\'s',\n  tags: [{}],\n})",
    )
    expect(curl?.source).toContain(
      `curl --fail-with-body -sS -X PUT "\${CODECATALYST_ENDPOINT:-https://things.example.test}/v1/things" \\
  -H "Authorization: Bearer $CODECATALYST_TOKEN" \\
  -H 'Content-Type: application/json' \\
  -d '{"name":"O'\\''Brien'\\''s","clientToken":"token-1","tags":[{}]}'`,
    )
  })

  it('put path values into the path and query values into the query, encoded', () => {
    const spec = exemplified((s) => {
      s.paths[thingPath].get.parameters[0].example = 'a b/c'
    })
    const curl = samplesOf(spec, 'GetThing').at(-1)
    expect(curl?.source).toContain('/v1/things/a%20b%2Fc"')
    const list = samplesOf(spec, 'ListThings').at(-1)
    expect(list?.source).toContain('/v1/things?maxResults=50"')
  })

  it("take a value from the parameter's named examples or its schema's example", () => {
    const spec = exemplified((s) => {
      const id = s.paths[thingPath].get.parameters[0]
      delete id.example
      id.examples = { first: { value: 'named' }, second: { value: 'other' } }
    })
    expect(samplesOf(spec, 'GetThing')[0]?.source).toContain("id: 'named'")
    const fromSchema = exemplified((s) => {
      const id = s.paths[thingPath].get.parameters[0]
      delete id.example
      id.schema.example = 'fromschema'
    })
    expect(samplesOf(fromSchema, 'GetThing')[0]?.source).toContain("id: 'fromschema'")
  })

  it('refuse a required member without an example, naming where it is', () => {
    try {
      emitSamples(readSpec(smallSpec()))
      expect.unreachable('the spec was not refused')
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError)
      expect((error as SpecError).message).toBe(
        "paths./v1/things/{id}.get.parameters[0]: id is required and has no example: the docs' code samples take every value from the spec's examples",
      )
    }
  })
})

describe('writing code', () => {
  it('writes TypeScript literals with bare keys where it can', () => {
    expect(tsLiteral({ a: 1, 'b-c': ['x', true], d: {} })).toBe(
      "{\n  a: 1,\n  'b-c': ['x', true],\n  d: {},\n}",
    )
  })

  it('quotes shell words only when they need it', () => {
    expect(shellWord('my-space')).toBe('my-space')
    expect(shellWord(2)).toBe('2')
    expect(shellWord("it's $HOME")).toBe("'it'\\''s $HOME'")
  })
})

describe('withCodeSamples', () => {
  it("adds each operation's samples as x-codeSamples to a copy, leaving the spec as it is", () => {
    const spec = exemplified()
    const before = structuredClone(spec)
    const samples = emitSamples(readSpec(spec))
    const copy = withCodeSamples(spec, samples)
    expect(spec).toEqual(before)
    expect(copy.paths[thingPath].get['x-codeSamples']).toEqual(
      samples[0]?.samples.map(({ lang, label, source }) => ({ lang, label, source })),
    )
    expect(Object.keys(copy.paths[thingsPath].put['x-codeSamples'][0])).toEqual([
      'lang',
      'label',
      'source',
    ])
  })
})
