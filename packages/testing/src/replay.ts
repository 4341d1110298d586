import type { ServerResponse } from 'node:http'
import { exampleRuns } from './fixtures.ts'
import { type LocalServer, sendJson, startLocalServer } from './local-server.ts'
import type { SpecNode } from './spec.ts'

/**
 * Answers a GetWorkflowRun with `run` in the given statuses, one per answer, repeating the
 * last; a number answers with that HTTP status instead (`{ message: 'transient' }`). `fields`
 * replace the run's own, e.g. the id asked for.
 */
export function runReplayer(
  statuses: ReadonlyArray<string | number>,
  run: SpecNode = exampleRuns.succeeded,
): (response: ServerResponse, fields?: SpecNode) => void {
  let answered = 0
  return (response, fields = {}) => {
    const step = statuses[Math.min(answered++, statuses.length - 1)]
    if (typeof step === 'number') return sendJson(response, step, { message: 'transient' })
    sendJson(response, 200, { ...run, ...fields, status: step })
  }
}

/** A local server that answers every request as `runReplayer(statuses, run)` does. */
export function replay(
  statuses: ReadonlyArray<string | number>,
  run: SpecNode = exampleRuns.succeeded,
): Promise<LocalServer> {
  const answer = runReplayer(statuses, run)
  return startLocalServer((_request, response) => answer(response))
}
