// The benchmark's server, run in a process of its own: a fixed, valid GetWorkflowRun answer on
// 127.0.0.1, kept alive, so that every client pays for the same HTTP work.
import { createServer } from 'node:http'

const body = JSON.stringify({
  spaceName: 'my-space',
  projectName: 'my-project',
  id: '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
  workflowId: '5b7e3c21-94d8-4f0a-b1c6-8e2f7a9d3c40',
  status: 'SUCCEEDED',
  statusReasons: [],
  startTime: '2026-11-02T09:15:04.512Z',
  endTime: '2026-11-02T09:21:47.093Z',
  lastUpdatedTime: '2026-11-02T09:21:47.093Z',
})
const headers = {
  'content-type': 'application/json',
  'content-length': Buffer.byteLength(body),
  'x-amzn-requestid': '6f1c3b2a-8d4e-4a7f-9b0c-1e2d3f4a5b6c',
}
const server = createServer((_request, response) => {
  response.writeHead(200, headers).end(body)
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`)
})
// Ends with its parent: the bench closes this pipe when it is done, or dies.
process.stdin.on('close', () => process.exit(0))
process.stdin.resume()
