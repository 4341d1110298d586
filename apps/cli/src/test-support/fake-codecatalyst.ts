// A scripted CodeCatalyst for the CLI tests of the lifecycle commands: ListWorkflows answers
// with the workflows, ListWorkflowRuns with the pages by token, StartWorkflowRun with a new run,
// and GetWorkflowRun with the run asked for, in the statuses in turn (the last one repeated).

import { buildMain, startedRun, workflows } from '@codecatalyst-runs/testing/fixtures'
import {
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import { runReplayer } from '@codecatalyst-runs/testing/replay'

export const startedRunId = startedRun.id as string

export function runSummary(n: number, workflow = buildMain, status = 'SUCCEEDED') {
  const day = `2026-11-${String(n).padStart(2, '0')}`
  const ended = status === 'SUCCEEDED' || status === 'FAILED'
  return {
    id: `0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e${String(n).padStart(4, '0')}`,
    workflowId: workflow.id,
    workflowName: workflow.name,
    status,
    startTime: `${day}T09:00:00Z`,
    ...(ended ? { endTime: `${day}T09:05:00Z` } : {}),
    lastUpdatedTime: `${day}T09:05:00Z`,
  }
}

export interface FakeScript {
  /** ListWorkflowRuns pages by the nextToken asked for ('' for the first). */
  readonly runPages?: Record<string, { items: unknown[]; nextToken?: string }>
  /** What GetWorkflowRun says of any run, in turn. */
  readonly statuses?: string[]
}

export async function startFakeCodeCatalyst(script: FakeScript = {}): Promise<LocalServer> {
  const answerRun = runReplayer(script.statuses ?? ['SUCCEEDED'])
  return startLocalServer((request, response) => {
    const url = new URL(request.url ?? '', 'http://x')
    const [, , , space, , project, collection, id] = url.pathname.split('/')
    const where = { spaceName: space, projectName: project }
    if (collection === 'workflows' && request.method === 'POST') {
      return sendJson(response, 200, { items: workflows })
    }
    if (collection === 'workflowRuns' && request.method === 'POST') {
      const page = script.runPages?.[url.searchParams.get('nextToken') ?? '']
      return sendJson(response, 200, page ?? { items: [] })
    }
    if (collection === 'workflowRuns' && request.method === 'PUT') {
      const workflowId = url.searchParams.get('workflowId')
      return sendJson(response, 200, { ...where, id: startedRunId, workflowId })
    }
    if (collection === 'workflowRuns' && request.method === 'GET' && id) {
      return answerRun(response, { ...where, id })
    }
    sendJson(response, 404, { message: `no route for ${request.method} ${url.pathname}` })
  })
}

/** What the server was asked, as `METHOD /path?query` with the collection only. */
export function calls(server: LocalServer): string[] {
  return server.requests.map((request) => {
    const url = new URL(request.url, 'http://x')
    const path = url.pathname.replace(/^\/v1\/spaces\/[^/]+\/projects\/[^/]+/, '')
    return `${request.method} ${path}${url.search}`
  })
}
