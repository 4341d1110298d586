import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { exampleRuns, startedRun } from '@codecatalyst-runs/testing/fixtures'
import { expect, it } from 'vitest'
import { prismUrl } from './harness.ts'

const readme = readFileSync(new URL('../../packages/client/README.md', import.meta.url), 'utf8')

it("the client README's example runs as written against the mock", async () => {
  const example = /```js\n(\/\/ example\.mjs\n[\s\S]*?)```/.exec(readme)?.[1]
  expect(example, 'the README has an example.mjs block').toBeDefined()
  // Next to this package's node_modules, so that '@codecatalyst-runs/client' resolves to the build.
  const file = fileURLToPath(new URL(`./.readme-example-${process.pid}.mjs`, import.meta.url))
  await writeFile(file, example as string)
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      env: { ...process.env, CODECATALYST_TOKEN: 'readme-token', CODECATALYST_ENDPOINT: prismUrl },
    })
    // What the mock answers with: the spec's examples of StartWorkflowRun and GetWorkflowRun.
    expect(stdout).toContain(`started ${startedRun.id}`)
    expect(stdout).toContain(`SUCCEEDED ${new Date(exampleRuns.succeeded.startTime).toISOString()}`)
    expect(stdout).toContain('now SUCCEEDED')
  } finally {
    await rm(file, { force: true })
  }
})
