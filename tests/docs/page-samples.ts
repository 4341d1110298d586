// The code samples as the built page carries them: the x-codeSamples of each operation in
// docs/dist/openapi.json (here, the temp folder build-page.ts built), and the contract spec's
// operations they belong to.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { listOperations, readSpecFile, type SpecNode } from '@codecatalyst-runs/codegen'
import { inject } from 'vitest'
import type {} from './build-page.ts'

export const root = fileURLToPath(new URL('../..', import.meta.url))
export const specFile = join(root, 'spec/codecatalyst.openapi.yaml')
export const docsDir: string = inject('docsDir')

export interface PageSample {
  readonly lang: string
  readonly label: string
  readonly source: string
}

export const contractSpec: SpecNode = readSpecFile(specFile)
export const pageSpec: SpecNode = JSON.parse(readFileSync(join(docsDir, 'openapi.json'), 'utf8'))

/** Every operation of the contract spec, with the samples the page shows for it. */
export const operations = listOperations(contractSpec).map((operation) => ({
  ...operation,
  summary: operation.node.summary as string,
  samples: (pageSpec.paths[operation.path][operation.method]['x-codeSamples'] ??
    []) as PageSample[],
}))
