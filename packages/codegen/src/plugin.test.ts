// The plugin inside a real openapi-ts run, on the small spec: it writes what `generate` computes,
// next to the job's files and into the simulator's folder, and a spec it refuses fails the run.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@hey-api/openapi-ts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { generate } from './generate.ts'
import { operationsPlugin } from './plugin.ts'
import { smallSpec } from './small-spec.ts'
import { SpecError, type SpecNode } from './spec-reader.ts'

let dir: string
// openapi-ts merges a config given in code into the config file it finds (the repo's, from the
// working directory): an empty one of the test's own keeps the run to the config below.
let configFile: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codegen-plugin-'))
  configFile = join(dir, 'openapi-ts.config.mjs')
  await writeFile(configFile, 'export default {}\n')
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function run(name: string, spec: SpecNode) {
  const input = join(dir, `${name}.yaml`)
  await writeFile(input, stringify(spec))
  const output = join(dir, name, 'client')
  const simulatorOutput = join(dir, name, 'simulator')
  await createClient({
    configFile,
    input,
    logs: { level: 'silent' },
    output: { path: output, entryFile: false },
    plugins: ['@hey-api/typescript', operationsPlugin({ simulatorOutput })],
  })
  return { output, simulatorOutput }
}

it("writes the generated files next to the job's own and into the simulator's folder", async () => {
  const { output, simulatorOutput } = await run('small', smallSpec())
  const expected = generate(smallSpec())
  expect((await readdir(output)).sort()).toEqual([
    'client-methods.gen.ts',
    'errors.gen.ts',
    'methods.gen.ts',
    'operations.gen.ts',
    'types.gen.ts',
  ])
  for (const [name, text] of Object.entries(expected.client)) {
    expect(await readFile(join(output, name), 'utf8')).toBe(text)
  }
  expect(await readFile(join(simulatorOutput, 'operations.gen.ts'), 'utf8')).toBe(
    expected.simulator['operations.gen.ts'],
  )
}, 30_000)

it("fails the run with the reader's message for a spec it refuses", async () => {
  const broken = smallSpec((spec) => delete spec.servers)
  const failure = await run('broken', broken).then(
    () => undefined,
    (error: { originalError?: { error?: unknown } }) => error.originalError?.error,
  )
  // openapi-ts wraps a job's error in a JobError (the CLI prints the message and exits with 1).
  expect(failure).toBeInstanceOf(SpecError)
  expect((failure as SpecError).message).toBe(
    "servers: the spec names no server: the first one's url is the client's default",
  )
}, 30_000)
