import { afterAll, beforeAll, expect, it } from 'vitest'
import { type PrismMock, startPrism } from '../../../scripts/prism.ts'
import { createCodeCatalystClient } from './index.js'

let mock: PrismMock
beforeAll(async () => {
  mock = await startPrism()
})
afterAll(async () => {
  await mock?.stop()
})

it('gets a run from the Prism mock of the spec', async () => {
  const client = createCodeCatalystClient({ token: 'smoke-token', baseUrl: mock.url })

  const run = await client.getWorkflowRun({
    spaceName: 'my-space',
    projectName: 'my-project',
    id: '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
  })

  expect(run.status).toBe('SUCCEEDED')
  expect(run.startTime).toEqual(new Date('2026-11-02T09:15:04.512Z'))
})
