import { type PrismServer, startPrismMock } from '@codecatalyst-runs/dev-servers/prism'
import { runInput } from '@codecatalyst-runs/testing/fixtures'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createCodeCatalystClient } from './index.js'

let mock: PrismServer
beforeAll(async () => {
  mock = await startPrismMock()
})
afterAll(async () => {
  await mock?.stop()
})

it('gets a run from the Prism mock of the spec', async () => {
  const client = createCodeCatalystClient({ token: 'smoke-token', baseUrl: mock.url })

  const run = await client.getWorkflowRun(runInput)

  expect(run.status).toBe('SUCCEEDED')
  expect(run.startTime).toEqual(new Date('2026-11-02T09:15:04.512Z'))
})
