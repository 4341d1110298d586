// The MCP server's tools written from small specs: the naming rule, the schemas (inlined,
// constraints kept on inputs, open enums on outputs), the annotations, and what it refuses.
import { describe, expect, it } from 'vitest'
import { emitMcpTools, readTools, toolName, toolTitle } from './mcp-tools-emitter.ts'
import { smallSpec, thingPath, thingsPath } from './small-spec.ts'
import { readSpec, SpecError, type SpecNode } from './spec-reader.ts'

const tools = (spec: SpecNode) => readTools(readSpec(spec))
const byName = (spec: SpecNode) => Object.fromEntries(tools(spec).map((tool) => [tool.name, tool]))

describe('the naming rule', () => {
  it.each([
    ['GetWorkflowRun', 'get_workflow_run', 'Get workflow run'],
    ['ListThings', 'list_things', 'List things'],
    ['VerifySession', 'verify_session', 'Verify session'],
    ['GetSSOConfig', 'get_sso_config', 'Get sso config'],
    ['ListV2Items', 'list_v2_items', 'List v2 items'],
  ])('%s → %s', (id, name, title) => {
    expect(toolName(id)).toBe(name)
    expect(toolTitle(id)).toBe(title)
  })

  it('names the client method by the client rule, in the spec order', () => {
    expect(tools(smallSpec()).map(({ name, method }) => [name, method])).toEqual([
      ['get_thing', 'getThing'],
      ['list_things', 'listThings'],
      ['put_thing', 'putThing'],
    ])
  })
})

describe('schemas', () => {
  it('the input: members flat, $refs inlined, constraints kept, additionalProperties false', () => {
    const { put_thing, list_things } = byName(smallSpec())
    expect(put_thing?.inputSchema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 3 },
        clientToken: { type: 'string', maxLength: 64 },
        tags: { type: 'array', maxItems: 10, items: { type: 'object' } },
      },
      required: ['name'],
      additionalProperties: false,
    })
    expect(list_things?.inputSchema.properties).toEqual({
      maxResults: { type: 'integer', minimum: 1, maximum: 50 },
      nextToken: { type: 'string', maxLength: 10 },
    })
    expect(list_things?.inputSchema.required).toBeUndefined()
  })

  it("a parameter's description and example go with it; input enums stay closed", () => {
    const { get_thing } = byName(
      smallSpec((spec) => {
        const [id] = spec.paths[thingPath].get.parameters
        id.example = 'abc'
        spec.paths[thingPath].get.parameters.push({
          name: 'status',
          in: 'query',
          schema: { $ref: '#/components/schemas/Status' },
        })
      }),
    )
    expect(get_thing?.inputSchema.properties).toEqual({
      id: {
        description: "The thing's ID.",
        type: 'string',
        minLength: 1,
        maxLength: 64,
        pattern: '^[a-z]+$',
        examples: ['abc'],
      },
      status: { type: 'string', enum: ['ACTIVE', 'RETIRED'] },
    })
  })

  it('the output: inlined, types without value constraints, enums open (in the description)', () => {
    const { get_thing } = byName(
      smallSpec((spec) => {
        spec.components.schemas.GetThingResponse.properties.note.maxLength = 10
      }),
    )
    const output = get_thing?.outputSchema as SpecNode
    expect(output.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(output.required).toEqual(['id', 'createdAt'])
    expect(output.properties.status).toEqual({
      type: 'string',
      description: 'Known values: ACTIVE, RETIRED; others may come.',
    })
    expect(output.properties.note).toEqual({ type: 'string' })
    expect(output.properties.createdAt).toEqual({ type: 'string', format: 'date-time' })
    expect(output.properties.parts.items).toEqual({
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, madeAt: { type: 'string', format: 'date-time' } },
    })
  })
})

describe('description and annotations', () => {
  it('reads are read-only and idempotent; an idempotent PUT is neither read-only nor destructive', () => {
    const { get_thing, put_thing } = byName(smallSpec())
    expect(get_thing?.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    })
    expect(put_thing?.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    })
    expect(put_thing?.description).toContain('Puts a thing.')
    expect(put_thing?.description).toContain('the same `clientToken` has no further effect')
  })

  it('a DELETE is destructive, and not idempotent without the trait', () => {
    const { delete_thing } = byName(
      smallSpec((spec) => {
        spec.paths[thingPath].delete = {
          ...spec.paths[thingPath].get,
          operationId: 'DeleteThing',
          summary: 'Deletes a thing.',
          description: 'Gone for good.',
          'x-smithy-readonly': false,
        }
      }),
    )
    expect(delete_thing?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
    })
    expect(delete_thing?.description).toBe('Deletes a thing.\n\nGone for good.')
  })
})

describe('what it refuses', () => {
  it('two operations that give one tool name', () => {
    const spec = smallSpec((spec) => {
      spec.paths[thingsPath].post = { ...spec.paths[thingsPath].put, operationId: 'PUTThing' }
    })
    expect(() => tools(spec)).toThrow(SpecError)
    expect(() => tools(spec)).toThrow(/two operations give the tool put_thing/)
  })

  it('an output that is not an object', () => {
    const spec = smallSpec((spec) => {
      spec.components.schemas.PutThingResponse = { type: 'string' }
    })
    expect(() => tools(spec)).toThrow(/output schema must be an object/)
  })
})

it('writes tools.gen.ts: the header, then the tools as data', () => {
  const code = emitMcpTools(readSpec(smallSpec()))
  expect(code.split('\n')[0]).toMatch(/^\/\/ This file is auto-generated/)
  expect(code).toContain("import type { OperationTool } from '../operation-tool.js'")
  expect(code).toContain('export const operationTools: readonly OperationTool[] = [')
  expect(code).toContain('"name": "get_thing"')
})
