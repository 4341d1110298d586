import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { operation, resolveRef, type SpecNode } from '../../../scripts/spec.ts'
import { CodeCatalystInputError, createCodeCatalystClient } from './index.js'
import { assertSafePathSegment } from './input.js'
import { validInput, validRun } from './test-support/fixtures.js'

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
      sent.push(new URL((request as Request).url))
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

describe('input errors', () => {
  const { client, sent } = recordingClient()

  it.each([
    [{ ...validInput, spaceName: 'ab' }, 'spaceName', 'minLength'],
    [{ ...validInput, spaceName: 'a'.repeat(64) }, 'spaceName', 'maxLength'],
    [{ ...validInput, spaceName: 'my space' }, 'spaceName', 'pattern'],
    [{ ...validInput, projectName: '' }, 'projectName', 'minLength'],
    [{ ...validInput, projectName: '..' }, 'projectName', 'pattern'],
    [{ ...validInput, id: 'not-a-uuid' }, 'id', 'pattern'],
    [{ spaceName: 'my-space', projectName: 'p' }, 'id', 'required'],
    [{ ...validInput, id: 42 }, 'id', 'type'],
  ])('%j: names %s and %s', async (input, parameter, constraint) => {
    const error = await client.getWorkflowRun(input as never).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CodeCatalystInputError)
    expect(error).toMatchObject({ parameter, constraint, attempts: 0 })
    expect((error as Error).message).toContain(parameter)
    expect(sent).toHaveLength(0)
  })

  it('accepts a one-character project name and a long one (no maximum in the request)', async () => {
    await client.getWorkflowRun({ ...validInput, projectName: 'p' })
    await client.getWorkflowRun({ ...validInput, projectName: 'p'.repeat(200) })
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
