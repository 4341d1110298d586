// The simulator on its own, without the proxy: what only a direct caller can see (its faults,
// its start and stop). How it answers bad requests, direct or proxied, is wire.test.ts.
import { buildMain, deployMain, where } from '@codecatalyst-runs/testing/fixtures'
import { sendOperation } from '@codecatalyst-runs/testing/operation-request'
import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from './manual-clock.ts'
import { type Simulator, startSimulator } from './server.ts'

let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.stop()
  simulator = undefined
})

async function started(options: Parameters<typeof startSimulator>[0] = {}) {
  simulator = await startSimulator(options)
  return simulator
}

const send = (url: string, id: string, input: Record<string, unknown> = {}, token = 't') =>
  sendOperation(url, id, { ...where, ...input }, { token })

describe('startSimulator', () => {
  it('listens on 127.0.0.1 until stopped', async () => {
    const { url, stop } = await started()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await send(url, 'ListWorkflows')).status).toBe(200)
    await stop()
    simulator = undefined
    await expect(fetch(url)).rejects.toThrow()
  })

  it('refuses a step that is not a positive duration', async () => {
    await expect(startSimulator({ stepMs: 0 })).rejects.toThrow(/stepMs must be more than 0/)
  })

  it('every answer carries a request id of its own; errors their name as well', async () => {
    const { url } = await started()
    const answers = [
      await send(url, 'ListWorkflows'),
      await send(url, 'GetWorkflow', { id: deployMain.id }),
      await send(url, 'GetWorkflowRun', { id: '00000000-0000-4000-8000-000000000000' }),
    ]
    const ids = answers.map((answer) => answer.headers.get('x-amzn-requestid'))
    expect(new Set(ids).size).toBe(3)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(answers[2]?.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException')
  })
})

describe('loseResponses', () => {
  it('carries the request out, then resets the connection without an answer', async () => {
    const { url, loseResponses, requestCount } = await started()
    const newest = async () =>
      (
        (await send(url, 'ListWorkflowRuns', { workflowId: buildMain.id, maxResults: 2 })).body as {
          items: Array<{ id: string }>
        }
      ).items.map((run) => run.id)
    const [before] = await newest()
    loseResponses('StartWorkflowRun')
    const lost = await send(url, 'StartWorkflowRun', { workflowId: buildMain.id }).catch(
      (error: unknown) => error,
    )
    expect((lost as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNRESET')
    // One run more: the newest is new, the one before it is the newest of before.
    const [created, previous] = await newest()
    expect(created).not.toBe(before)
    expect(previous).toBe(before)
    // Only the next one: the one after is answered.
    expect((await send(url, 'StartWorkflowRun', { workflowId: buildMain.id })).status).toBe(200)
    expect(requestCount('StartWorkflowRun')).toBe(2)
    expect(requestCount('GetWorkflow')).toBe(0)
  })
})

describe('the clock', () => {
  it("a run's statuses follow the clock given, one step at a time", async () => {
    const clock = manualClock()
    const { url } = await started({ clock: clock.now, stepMs: 250 })
    const { id } = (await send(url, 'StartWorkflowRun', { workflowId: deployMain.id })).body as {
      id: string
    }
    const statuses = []
    for (let step = 0; step < 5; step++) {
      statuses.push(((await send(url, 'GetWorkflowRun', { id })).body as { status: string }).status)
      clock.advance(250)
    }
    expect(statuses).toEqual(['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', 'FAILED', 'FAILED'])
  })
})

describe('the controls a load test uses', () => {
  it('seedRun adds a run of a workflow with its own timing, listed and followed like any other', async () => {
    const clock = manualClock()
    const { url, seedRun } = await started({ clock: clock.now })
    const id = seedRun(deployMain.id, { startMs: clock.now() - 1_500, stepMs: 1_000 })
    const running = await send(url, 'GetWorkflowRun', { id })
    expect(running.body).toMatchObject({ id, workflowId: deployMain.id, status: 'PROVISIONING' })
    clock.advance(2_000)
    const ended = await send(url, 'GetWorkflowRun', { id })
    expect(ended.body).toMatchObject({ status: 'FAILED', statusReasons: [{}] })
    const listed = await send(url, 'ListWorkflowRuns', {
      workflowId: deployMain.id,
      maxResults: 50,
    })
    expect((listed.body as { items: Array<{ id: string }> }).items.map((run) => run.id)).toContain(
      id,
    )
  })

  it('throttledCount counts the 429s of the rate limit', async () => {
    const { url, throttledCount } = await started({ rateLimit: 2 })
    const statuses = []
    for (let call = 0; call < 5; call++) statuses.push((await send(url, 'ListWorkflows')).status)
    expect(statuses.filter((status) => status === 429)).toHaveLength(throttledCount())
    expect(throttledCount()).toBeGreaterThanOrEqual(2)
  })

  it('outage refuses connections for its time, then serves the same world on the same port', async () => {
    const { url, seedRun, outage } = await started()
    const id = seedRun(buildMain.id, { startMs: Date.now(), stepMs: 60_000 })
    const away = outage(300)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(
      fetch(`${url}/v1/spaces/x/projects/y/workflows`, { method: 'POST' }),
    ).rejects.toThrow()
    await away
    expect((await send(url, 'GetWorkflowRun', { id })).body).toMatchObject({
      id,
      status: 'VALIDATING',
    })
  })
})
