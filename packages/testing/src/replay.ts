import { exampleRuns } from './fixtures.ts'
import { type LocalServer, sendJson, startLocalServer } from './local-server.ts'
import type { SpecNode } from './spec.ts'

/**
 * A local server that answers every request with `run` in the given statuses, one per request,
 * repeating the last; a number answers with that HTTP status instead (`{ message: 'transient' }`).
 */
export function replay(
  statuses: ReadonlyArray<string | number>,
  run: SpecNode = exampleRuns.succeeded,
): Promise<LocalServer> {
  return startLocalServer((_request, response, index) => {
    const step = statuses[Math.min(index, statuses.length - 1)]
    if (typeof step === 'number') return sendJson(response, step, { message: 'transient' })
    sendJson(response, 200, { ...run, status: step })
  })
}
