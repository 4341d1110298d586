// The benchmark's server, run in a process of its own: fixed, valid answers on 127.0.0.1, kept
// alive, so that every client pays for the same HTTP work. GET …/workflowRuns/{id} is one
// GetWorkflowRun; POST …/workflowRuns is a ListWorkflowRuns page of 50 runs.
import { createServer } from 'node:http'
import { buildMain, exampleRuns } from '@codecatalyst-runs/testing/fixtures'

const run = exampleRuns.succeeded
const page = {
  nextToken: 'eyJwYWdlIjoyfQ',
  items: Array.from({ length: 50 }, (_, index) => ({
    id: `0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e${String(index).padStart(4, '0')}`,
    workflowId: buildMain.id,
    workflowName: buildMain.name,
    status: index % 7 ? 'SUCCEEDED' : 'FAILED',
    statusReasons: [],
    startTime: `2026-11-02T09:${String(index).padStart(2, '0')}:04.512Z`,
    endTime: `2026-11-02T10:${String(index).padStart(2, '0')}:47.093Z`,
    lastUpdatedTime: `2026-11-02T10:${String(index).padStart(2, '0')}:47.093Z`,
  })),
}
const answer = (body: unknown) => {
  const text = JSON.stringify(body)
  return {
    text,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': '6f1c3b2a-8d4e-4a7f-9b0c-1e2d3f4a5b6c',
    },
  }
}
const runAnswer = answer(run)
const pageAnswer = answer(page)

const server = createServer((request, response) => {
  const { text, headers } = request.method === 'GET' ? runAnswer : pageAnswer
  // Read what was sent (the list body) before answering, as a real server does.
  request.resume()
  request.on('end', () => response.writeHead(200, headers).end(text))
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`)
})
// Ends with its parent: the bench closes this pipe when it is done, or dies.
process.stdin.on('close', () => process.exit(0))
process.stdin.resume()
