import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { generate, writeGenerated } from './generate.ts'
import { smallSpec } from './small-spec.ts'

it('is deterministic: the same spec twice gives the same files, whatever ran in between', () => {
  const first = generate(smallSpec())
  const other = generate(
    smallSpec((spec) => (spec.components.schemas.Part.properties.size = { type: 'integer' })),
  )
  const second = generate(smallSpec())
  expect(second).toEqual(first)
  expect(other.client['operations.gen.ts']).not.toBe(first.client['operations.gen.ts'])
  expect(Object.keys(first.client)).toEqual([
    'operations.gen.ts',
    'methods.gen.ts',
    'client-methods.gen.ts',
    'errors.gen.ts',
  ])
  expect(Object.keys(first.simulator)).toEqual(['operations.gen.ts'])
  expect(Object.keys(first.mcp)).toEqual(['tools.gen.ts'])
})

it('does not change the spec it reads', () => {
  const spec = smallSpec()
  const before = structuredClone(spec)
  generate(spec)
  expect(spec).toEqual(before)
})

it('writes the files into their folders, making them, and the simulator table only if asked', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'codegen-write-'))
  try {
    const files = generate(smallSpec())
    writeGenerated(files, { client: join(dir, 'a/client') })
    expect(await readdir(dir)).toEqual(['a'])
    writeGenerated(files, { client: join(dir, 'client'), simulator: join(dir, 'sim/generated') })
    expect(await readFile(join(dir, 'client/errors.gen.ts'), 'utf8')).toBe(
      files.client['errors.gen.ts'],
    )
    expect(await readFile(join(dir, 'sim/generated/operations.gen.ts'), 'utf8')).toBe(
      files.simulator['operations.gen.ts'],
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
