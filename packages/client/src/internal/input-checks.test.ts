import { buildMain, runInput, validRun, where } from '@codecatalyst-runs/testing/fixtures'
import { operation, resolveRef, type SpecNode } from '@codecatalyst-runs/testing/spec'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CodeCatalystInputError, createCodeCatalystClient } from '../index.js'
import {
  assertSafePathSegment,
  checkEnum,
  checkList,
  checkString,
  checkStructure,
} from './input-checks.js'

// An oracle read straight from the spec file, independent of the generated schemas.
type Constraint = { pattern: string; minLength?: number; maxLength?: number }
const parameters = operation.parameters as Array<{
  name: 'spaceName' | 'projectName' | 'id'
  schema: SpecNode
}>
const oracle = Object.fromEntries(
  parameters.map(({ name, schema }) => {
    const {
      pattern,
      minLength = 0,
      maxLength = Number.POSITIVE_INFINITY,
    } = resolveRef(schema) as Constraint
    const regex = new RegExp(pattern, 'u')
    return [
      name,
      (value: string) =>
        regex.test(value) && [...value].length >= minLength && [...value].length <= maxLength,
    ]
  }),
) as Record<'spaceName' | 'projectName' | 'id', (value: string) => boolean>

const base = 'https://codecatalyst.example.test/base'

/** A client whose fetch records what would have been sent, and answers with a valid run. */
function recordingClient() {
  const sent: URL[] = []
  const client = createCodeCatalystClient({
    token: 't',
    baseUrl: base,
    maxAttempts: 1,
    fetch: async (request) => {
      sent.push(new URL(new Request(request).url))
      return Response.json(validRun)
    },
  })
  return { client, sent }
}

const hostile = fc.constantFrom(
  '..',
  '.',
  '%2E%2E',
  '%2e',
  '../..',
  'a/b',
  'a/../b',
  '/',
  '?x=1',
  '#frag',
  '%2F',
  'a%2Fb',
  '{id}',
  '',
  ' ',
  'a b',
  'é',
  '\u0000',
  'a..b',
  '-a',
  'a-',
  'http://evil.example',
  '\\..\\',
)
const anyString = fc.oneof(
  hostile,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
)
const validName = fc.stringMatching(/^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/)
const validUuid = fc.uuid()
const field = (valid: fc.Arbitrary<string>) => fc.oneof(valid, anyString)
/** spaceName, projectName and id: mostly near-valid, often hostile. */
const anyInput = [field(validName), field(validName), field(validUuid)] as const

describe('input safety', () => {
  it('no input reaches a path other than the operation, or another host', async () => {
    await fc.assert(
      fc.asyncProperty(...anyInput, async (spaceName, projectName, id) => {
        const { client, sent } = recordingClient()
        await client.getWorkflowRun({ spaceName, projectName, id }).catch((error) => {
          expect(error).toBeInstanceOf(CodeCatalystInputError)
        })
        for (const url of sent) {
          expect(url.origin).toBe('https://codecatalyst.example.test')
          expect(url.pathname).toBe(
            `/base/v1/spaces/${encodeURIComponent(spaceName)}/projects/${encodeURIComponent(projectName)}/workflowRuns/${encodeURIComponent(id)}`,
          )
          expect(url.search + url.hash).toBe('')
        }
      }),
      { numRuns: 400 },
    )
  })

  it("sends exactly the inputs that meet the spec's constraints, and rejects the rest unsent", async () => {
    await fc.assert(
      fc.asyncProperty(...anyInput, async (spaceName, projectName, id) => {
        const { client, sent } = recordingClient()
        const valid =
          oracle.spaceName(spaceName) && oracle.projectName(projectName) && oracle.id(id)
        const outcome = await client.getWorkflowRun({ spaceName, projectName, id }).then(
          () => 'sent',
          (error: unknown) => (error instanceof CodeCatalystInputError ? 'rejected' : error),
        )
        expect(outcome).toBe(valid ? 'sent' : 'rejected')
        expect(sent).toHaveLength(valid ? 1 : 0)
      }),
      { numRuns: 400 },
    )
  })
})

describe('input safety for query and body members', () => {
  it('ListWorkflowRuns: no value reaches another path or host; query values arrive as given', async () => {
    await fc.assert(
      fc.asyncProperty(
        field(validName),
        field(validName),
        fc.option(field(validUuid), { nil: undefined }),
        fc.option(anyString, { nil: undefined }),
        async (spaceName, projectName, workflowId, nextToken) => {
          const { client, sent } = recordingClient()
          const input = { spaceName, projectName, workflowId, nextToken }
          await client.listWorkflowRuns(input).catch((error) => {
            expect(error).toBeInstanceOf(CodeCatalystInputError)
          })
          for (const url of sent) {
            expect(url.origin).toBe('https://codecatalyst.example.test')
            expect(url.pathname).toBe(
              `/base/v1/spaces/${encodeURIComponent(spaceName)}/projects/${encodeURIComponent(projectName)}/workflowRuns`,
            )
            expect(url.hash).toBe('')
            expect(Object.fromEntries(url.searchParams)).toEqual(
              Object.fromEntries(
                Object.entries({ workflowId, nextToken }).filter(
                  ([, value]) => value !== undefined,
                ),
              ),
            )
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('StartWorkflowRun: the clientToken travels in the JSON body only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(anyString, { nil: undefined }), async (clientToken) => {
        const bodies: string[] = []
        const urls: URL[] = []
        const client = createCodeCatalystClient({
          token: 't',
          baseUrl: base,
          maxAttempts: 1,
          fetch: async (request, init) => {
            urls.push(new URL(new Request(request, init).url))
            bodies.push(String(init?.body))
            return Response.json({
              ...runInput,
              id: validRun.id,
              workflowId: validRun.workflowId,
            })
          },
        })
        const input = {
          spaceName: 'my-space',
          projectName: 'my-project',
          workflowId: validRun.workflowId,
          clientToken,
        }
        await client.startWorkflowRun(input).catch((error) => {
          expect(error).toBeInstanceOf(CodeCatalystInputError)
        })
        for (const url of urls) expect(url.search).toBe(`?workflowId=${validRun.workflowId}`)
        for (const body of bodies) {
          const sentToken = JSON.parse(body).clientToken
          expect(sentToken).toBe(clientToken ?? sentToken)
          expect(Object.keys(JSON.parse(body))).toEqual(['clientToken'])
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('input errors', () => {
  const { client, sent } = recordingClient()

  it.each([
    [{ ...runInput, spaceName: 'ab' }, 'spaceName', 'minLength'],
    [{ ...runInput, spaceName: 'a'.repeat(64) }, 'spaceName', 'maxLength'],
    [{ ...runInput, spaceName: 'my space' }, 'spaceName', 'pattern'],
    [{ ...runInput, projectName: '' }, 'projectName', 'minLength'],
    [{ ...runInput, projectName: '..' }, 'projectName', 'pattern'],
    [{ ...runInput, id: 'not-a-uuid' }, 'id', 'pattern'],
    [{ spaceName: 'my-space', projectName: 'p' }, 'id', 'required'],
    [{ ...runInput, id: 42 }, 'id', 'type'],
  ])('%j: names %s and %s', async (input, parameter, constraint) => {
    const error = await client.getWorkflowRun(input as never).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystInputError)
    expect(error).toMatchObject({ parameter, constraint, attempts: 0 })
    expect((error as Error).message).toContain(parameter)
    expect(sent).toHaveLength(0)
  })

  it('accepts a one-character project name and a long one (no maximum in the request)', async () => {
    await client.getWorkflowRun({ ...runInput, projectName: 'p' })
    await client.getWorkflowRun({ ...runInput, projectName: 'p'.repeat(200) })
    expect(sent).toHaveLength(2)
  })
})

describe('the path-segment guard behind the spec checks', () => {
  it.each(['', '.', '..'])('refuses %j, which URL parsing would drop or collapse', (value) => {
    expect(() => assertSafePathSegment('projectName', value)).toThrow(CodeCatalystInputError)
  })

  it.each(['...', 'a.', '%2E%2E', 'a/b'])('lets %j through to be percent-encoded', (value) => {
    expect(() => assertSafePathSegment('projectName', value)).not.toThrow()
  })
})

describe('the other operations check their own members, from their own constraints', () => {
  const sent: string[] = []
  const client = createCodeCatalystClient({
    token: 't',
    baseUrl: base,
    maxAttempts: 1,
    fetch: async (request, init) => {
      sent.push(new Request(request, init).url)
      return Response.json({
        items: [],
        spaceName: 's',
        projectName: 'p',
        id: 'i',
        workflowId: 'w',
      })
    },
  })
  const workflowId = buildMain.id

  it.each([
    ['listWorkflowRuns', { ...where, maxResults: 0 }, 'maxResults', 'minimum'],
    ['listWorkflowRuns', { ...where, maxResults: 51 }, 'maxResults', 'maximum'],
    ['listWorkflowRuns', { ...where, maxResults: 2.5 }, 'maxResults', 'type'],
    ['listWorkflowRuns', { ...where, maxResults: '5' }, 'maxResults', 'type'],
    ['listWorkflowRuns', { ...where, workflowId: 'build' }, 'workflowId', 'pattern'],
    ['listWorkflowRuns', { ...where, nextToken: '' }, 'nextToken', 'minLength'],
    ['listWorkflowRuns', { ...where, nextToken: 'x'.repeat(2049) }, 'nextToken', 'maxLength'],
    ['listWorkflowRuns', { ...where, sortBy: [{}, {}] }, 'sortBy', 'maxItems'],
    ['listWorkflowRuns', { ...where, sortBy: ['newest'] }, 'sortBy[0]', 'type'],
    ['listWorkflowRuns', { ...where, spaceName: 'ab' }, 'spaceName', 'minLength'],
    ['listWorkflows', { ...where, maxResults: 101 }, 'maxResults', 'maximum'],
    ['listWorkflows', { ...where, projectName: 'p' }, 'projectName', 'minLength'],
    ['startWorkflowRun', where, 'workflowId', 'required'],
    ['startWorkflowRun', { ...where, workflowId, clientToken: 'a b' }, 'clientToken', 'pattern'],
    [
      'startWorkflowRun',
      { ...where, workflowId, clientToken: 'a'.repeat(65) },
      'clientToken',
      'maxLength',
    ],
    ['getWorkflow', { ...where, id: '..' }, 'id', 'pattern'],
    ['getWorkflow', { ...where }, 'id', 'required'],
  ] as const)(
    '%s(%j): names %s and %s, sends nothing',
    async (method, input, parameter, constraint) => {
      const error = await (client[method] as (input: unknown) => Promise<unknown>)(input).catch(
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(CodeCatalystInputError)
      expect(error).toMatchObject({ parameter, constraint, attempts: 0 })
      expect((error as Error).message).toContain(parameter)
      expect(sent).toEqual([])
    },
  )

  it('accepts the limits themselves, and sends query values encoded', async () => {
    await client.listWorkflowRuns({ ...where, maxResults: 50, nextToken: 'a b&c=d/e', workflowId })
    await client.listWorkflows({ ...where, spaceName: 'm', maxResults: 100, sortBy: [{}] })
    await client.startWorkflowRun({ ...where, workflowId, clientToken: 'a'.repeat(64) })
    expect(sent.map((url) => new URL(url).search)).toEqual([
      `?workflowId=${workflowId}&nextToken=a%20b%26c%3Dd%2Fe&maxResults=50`,
      '?maxResults=100',
      `?workflowId=${workflowId}`,
    ])
    expect(new URL(sent[1] ?? '').searchParams.get('nextToken')).toBeNull()
    sent.length = 0
  })

  it('refuses an input that is not an object, naming the operation', async () => {
    for (const input of [null, 'my-space', ['my-space']]) {
      const error = await client.listWorkflows(input as never).catch((caught: unknown) => caught)
      expect(error).toMatchObject({ parameter: 'input', constraint: 'type' })
      expect((error as Error).message).toContain('ListWorkflows')
    }
    expect(sent).toEqual([])
  })
})

// The checks the generator composes for nested inputs (ListProjects' `filters`, a list of
// structures with an enum member), called here as generated code calls them.
describe('nested input checks', () => {
  const values = ['hasAccessTo', 'name'] as const
  const checkFilter = (value: unknown, name: string) => {
    const fields = checkStructure(value, name, true)
    if (fields === undefined) return
    checkEnum(fields.key, `${name}.key`, true, values)
    checkList(fields.values, `${name}.values`, true, undefined, (item, itemName) =>
      checkString(item, itemName, true, 1, undefined, undefined, false),
    )
  }
  const checkFilters = (value: unknown) => checkList(value, 'filters', false, 2, checkFilter)
  const refusal = (value: unknown) => {
    try {
      checkFilters(value)
    } catch (error) {
      expect(error).toBeInstanceOf(CodeCatalystInputError)
      const { parameter, constraint, message } = error as CodeCatalystInputError
      return { parameter, constraint, message }
    }
    throw new Error('accepted')
  }

  it('accepts what the spec allows, and an absent optional list', () => {
    expect(() => checkFilters(undefined)).not.toThrow()
    expect(() =>
      checkFilters([
        { key: 'name', values: ['a'] },
        { key: 'hasAccessTo', values: [] },
      ]),
    ).not.toThrow()
  })

  it.each([
    [
      [{ key: 'owner', values: [] }],
      'filters[0].key',
      'enum',
      'filters[0].key must be one of "hasAccessTo", "name" (got "owner").',
    ],
    [
      [{ key: 3, values: [] }],
      'filters[0].key',
      'type',
      'filters[0].key must be a string, not number.',
    ],
    [[{ values: [] }], 'filters[0].key', 'required', 'filters[0].key is required.'],
    [
      [{ key: 'name', values: ['a', ''] }],
      'filters[0].values[1]',
      'minLength',
      'filters[0].values[1] must be at least 1 characters long (got "").',
    ],
    [
      [{ key: 'name', values: [] }, 'name'],
      'filters[1]',
      'type',
      'filters[1] must be an object, not string.',
    ],
    [[{}, {}, {}], 'filters', 'maxItems', 'filters must have at most 2 items (got 3).'],
    [{ key: 'name' }, 'filters', 'type', 'filters must be an array, not object.'],
  ])('%j: names %s and %s', (value, parameter, constraint, message) => {
    expect(refusal(value)).toEqual({ parameter, constraint, message })
  })
})
