import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  bundle,
  bundleSize,
  clientProgram,
  modularProgram,
  operationCalls,
} from '@codecatalyst-runs/testing/bundle-size'
import { runInput } from '@codecatalyst-runs/testing/fixtures'
import { expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const budget = JSON.parse(readFileSync(new URL('../bundle-budget.json', import.meta.url), 'utf8'))

it(`a bundle that uses only getWorkflowRun stays within ${budget.getWorkflowRunOnly} B gzip`, async () => {
  const size = await bundleSize(modularProgram(['getWorkflowRun']), packageDir)
  expect(size.gzip).toBeGreaterThan(1000) // the bundle really contains the client
  expect(size.gzip).toBeLessThanOrEqual(budget.getWorkflowRunOnly)
})

it(`each further operation adds at most ${budget.eachFurtherOperation} B gzip`, async () => {
  const base = await bundleSize(modularProgram(['getWorkflowRun']), packageDir)
  const others = Object.keys(operationCalls).filter((name) => name !== 'getWorkflowRun') as Array<
    keyof typeof operationCalls
  >
  for (const operation of others) {
    const size = await bundleSize(modularProgram(['getWorkflowRun', operation]), packageDir)
    expect(size.gzip - base.gzip, operation).toBeGreaterThan(0) // tree-shaking left it out before
    expect(size.gzip - base.gzip, operation).toBeLessThanOrEqual(budget.eachFurtherOperation)
  }
})

it(`the whole client stays within ${budget.wholeClient} B gzip`, async () => {
  const whole = await bundleSize(clientProgram, packageDir)
  const everyOperation = await bundleSize(
    modularProgram(Object.keys(operationCalls) as Array<keyof typeof operationCalls>),
    packageDir,
  )
  expect(whole.gzip).toBeLessThanOrEqual(budget.wholeClient)
  // createCodeCatalystClient is every operation plus the methods that bind them.
  expect(whole.gzip).toBeGreaterThanOrEqual(everyOperation.gzip)
})

it('has no runtime dependency besides its own types package', () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  expect(Object.keys(manifest.dependencies ?? {})).toEqual(['@codecatalyst-runs/types'])
  expect(manifest.peerDependencies ?? {}).toEqual({})
  expect(manifest.optionalDependencies ?? {}).toEqual({})
})

it('a minified bundle still names its errors (minifiers rename classes)', async () => {
  const code = await bundle(
    `import { createCodeCatalystClient } from '@codecatalyst-runs/client'
export default () => createCodeCatalystClient({ token: 't', maxAttempts: 1, fetch: async () => new Response('{}', { status: 403 }) })
  .getWorkflowRun(${JSON.stringify(runInput)})
  .catch((error) => ({ name: error.name, errorType: error.errorType, status: error.status }))`,
    packageDir,
  )
  const { default: run } = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  )
  expect(await run()).toEqual({
    name: 'AccessDeniedException',
    errorType: 'AccessDeniedException',
    status: 403,
  })
})
