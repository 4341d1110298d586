// A vitest globalSetup: builds the API reference page once for the project, exactly as
// `pnpm run docs` does (scripts/docs.ts), but into a temp folder, so that the tests prove the
// page and samples of the spec as it is now and leave docs/dist alone. The folder is removed
// after the run.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder with the built index.html and openapi.json (the spec with x-codeSamples). */
    docsDir: string
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url))

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'codecatalyst-runs-docs-test-'))
  await promisify(execFile)(process.execPath, [join(root, 'scripts/docs.ts'), dir], { cwd: root })
  project.provide('docsDir', dir)
  return () => rm(dir, { recursive: true, force: true })
}
