import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { bundleSize, clientProgram } from '../../../scripts/bundle-size.ts'

const budget = JSON.parse(readFileSync(new URL('../bundle-budget.json', import.meta.url), 'utf8'))

it(`a browser bundle of one call stays within the budget (${budget.gzipBytes} B gzip)`, async () => {
  const size = await bundleSize(clientProgram, fileURLToPath(new URL('..', import.meta.url)))
  expect(size.gzip).toBeGreaterThan(1000) // the bundle really contains the client
  expect(size.gzip).toBeLessThanOrEqual(budget.gzipBytes)
})

it('has no runtime dependency besides its own types package', () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  expect(Object.keys(manifest.dependencies ?? {})).toEqual(['@codecatalyst-runs/types'])
  expect(manifest.peerDependencies ?? {}).toEqual({})
  expect(manifest.optionalDependencies ?? {}).toEqual({})
})
