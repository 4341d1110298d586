// The client's public surface written from small specs: the naming rule, the docs taken from the
// spec, paginators, the client's methods, and what it refuses.
import { describe, expect, it } from 'vitest'
import { emitMethods, paginatorName } from './methods-emitter.ts'
import { sharedTypeNames } from './operations-emitter.ts'
import { smallSpec, thingPath, thingsPath } from './small-spec.ts'
import { readSpec, SpecError, type SpecNode } from './spec-reader.ts'

function emit(spec: SpecNode) {
  const model = readSpec(spec)
  return emitMethods(model, sharedTypeNames(model))
}

function refusal(spec: SpecNode): SpecError {
  try {
    emit(spec)
  } catch (error) {
    if (error instanceof SpecError) return error
    throw error
  }
  throw new Error('the spec was not refused')
}

describe('methods.gen.ts', () => {
  const code = emit(smallSpec())['methods.gen.ts']

  it('writes one function per operation over the core, its doc the summary', () => {
    expect(code).toContain(
      '/**\n * Returns a thing.\n */\nexport function getThing(\n  core: CodeCatalystCore,\n  input: GetThingInput,\n  options?: RequestOptions,\n): Promise<GetThingOutput> {\n  return core.send(GetThing, input, options)\n}\n',
    )
    expect(code).toContain('export function putThing(')
  })

  it('adds the description after the summary, when it says more', () => {
    const described = emit(
      smallSpec((spec) => {
        spec.paths[thingPath].get.description = 'It is read-only.'
      }),
    )['methods.gen.ts']
    expect(described).toContain(
      '/**\n * Returns a thing.\n *\n * It is read-only.\n */\nexport function getThing(',
    )
  })

  it('names outputs <operationId>Output, or x-codecatalyst-output-name', () => {
    expect(code).toContain('export type GetThingOutput = GetThingResponse\n')
    const named = emit(
      smallSpec((spec) => {
        spec.paths[thingPath].get['x-codecatalyst-output-name'] = 'Thing'
      }),
    )['methods.gen.ts']
    expect(named).toContain('export type Thing = GetThingResponse\n')
    expect(named).toContain('): Promise<Thing> {')
    expect(named).not.toContain('GetThingOutput')
  })

  it("writes a paginator for a paginated operation: paginate + the id without List, the page's item type", () => {
    expect(paginatorName('ListWorkflowRuns')).toBe('paginateWorkflowRuns')
    expect(paginatorName('Listen')).toBe('paginateListen')
    expect(paginatorName('SearchThings')).toBe('paginateSearchThings')
    expect(code).toContain(
      'export function paginateThings(\n  core: CodeCatalystCore,\n  input: ListThingsInput,\n  options?: PaginateOptions,\n): AsyncIterable<ThingSummary> {\n  return paginate<ListThingsInput, ListThingsOutput, ThingSummary>(core, ListThings, input, options)\n}\n',
    )
    expect(code).not.toContain('paginatePutThing')
  })

  it('re-exports the input, item and shared schema types, and lists every method in one interface', () => {
    const exported = code.match(/export type \{\n([\s\S]*?)\} from '\.\/operations\.gen\.js'/)?.[1]
    expect(
      exported
        ?.split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ).toEqual([
      'GetThingInput',
      'ListThingsInput',
      'PutThingInput',
      'Status',
      'Tag',
      'ThingSummary',
    ])
    const methods = [...code.matchAll(/^ {2}(\w+)\(input/gm)].map((match) => match[1])
    expect(methods).toEqual(['getThing', 'listThings', 'paginateThings', 'putThing'])
  })

  it('an operation taken out of the spec takes its function, paginator and method with it', () => {
    const fewer = emit(
      smallSpec((spec) => {
        delete spec.paths[thingsPath].get
      }),
    )
    expect(fewer['methods.gen.ts']).not.toMatch(/listThings|paginateThings|ListThingsInput/)
    expect(fewer['client-methods.gen.ts']).not.toMatch(/listThings|paginateThings/)
  })
})

it('client-methods.gen.ts binds every function and paginator to one core', () => {
  const code = emit(smallSpec())['client-methods.gen.ts']
  expect(code).toContain(
    'export function operationMethods(core: CodeCatalystCore): CodeCatalystOperations {',
  )
  for (const name of ['getThing', 'listThings', 'paginateThings', 'putThing']) {
    expect(code).toContain(`    ${name}: (input, options) => ${name}(core, input, options),\n`)
  }
})

describe('what it refuses, and where it says the problem is', () => {
  it('an operation without a summary', () => {
    const error = refusal(smallSpec((spec) => delete spec.paths[thingPath].get.summary))
    expect(error.message).toBe(
      `paths.${thingPath}.get: the operation has no summary: it is the first line of its doc`,
    )
  })

  it('an output name that is not a type name', () => {
    const error = refusal(
      smallSpec((spec) => {
        spec.paths[thingPath].get['x-codecatalyst-output-name'] = 'my thing'
      }),
    )
    expect(error.message).toBe(
      `paths.${thingPath}.get.x-codecatalyst-output-name: "my thing" is not a type name (PascalCase letters and digits)`,
    )
  })

  it('an output name that another public type has', () => {
    const error = refusal(
      smallSpec((spec) => {
        spec.paths[thingPath].get['x-codecatalyst-output-name'] = 'ThingSummary'
      }),
    )
    expect(error.message).toMatch(
      /two public names collide: ThingSummary is the schema ThingSummary and the output type of GetThing/,
    )
  })

  it('a paginated operation whose page items have no named schema', () => {
    const error = refusal(
      smallSpec((spec) => {
        spec.components.schemas.ListThingsResponse.properties.items.items = { type: 'string' }
      }),
    )
    expect(error.message).toBe(
      "components.schemas.ListThingsResponse.properties.items.items: the items of ListThings's pages need a named schema: it is the paginator's item type",
    )
  })
})
