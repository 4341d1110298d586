// The validation proxy is what makes the provider-side tests mean anything: here it is shown
// to pass a conforming answer through and to turn a broken one into a failure.

import { type PrismServer, startPrismProxy } from '@codecatalyst-runs/dev-servers/prism'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runInput, validRun } from './fixtures.ts'
import { type LocalServer, sendJson, startLocalServer } from './local-server.ts'
import { sendOperation } from './operation-request.ts'

const requestId = { 'x-amzn-requestid': '1f0c9d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f' }
let upstream: LocalServer
let proxy: PrismServer
let broken = false

beforeAll(async () => {
  upstream = await startLocalServer((_request, response) => {
    if (!broken) return sendJson(response, 200, validRun, requestId)
    // A run without its lastUpdatedTime, and an answer without its request id.
    const { lastUpdatedTime: _dropped, ...run } = validRun
    sendJson(response, 200, run)
  })
  proxy = await startPrismProxy(upstream.url)
})
afterAll(async () => {
  await proxy?.stop()
  await upstream?.close()
})

it('passes an answer that conforms to the spec through unchanged', async () => {
  broken = false
  const answer = await sendOperation(proxy.url, 'GetWorkflowRun', runInput, { token: 't' })
  expect(answer.status).toBe(200)
  expect(answer.headers.get('sl-violations')).toBeNull()
  expect(answer.body).toEqual(validRun)
})

it('turns an answer that breaks the spec into a 500 naming every violation', async () => {
  broken = true
  const answer = await sendOperation(proxy.url, 'GetWorkflowRun', runInput, { token: 't' })
  expect(answer.status).toBe(500)
  const violations = JSON.parse(answer.headers.get('sl-violations') ?? '[]')
  expect(violations.map((violation: { message: string }) => violation.message)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/required property 'lastUpdatedTime'/),
      expect.stringMatching(/x-amzn-requestid/),
    ]),
  )
})

it('answers a request without a bearer token itself, and forwards nothing', async () => {
  const before = upstream.requests.length
  const answer = await sendOperation(proxy.url, 'GetWorkflowRun', runInput, {
    authorization: null,
  })
  expect(answer.status).toBe(401)
  expect(upstream.requests).toHaveLength(before)
})
