// The load scenario's CodeCatalyst: the repo's simulator, rate-limited, in a process of its own
// (so that its work and its heap are not the waiters'), driven by its parent over IPC.
import { startSimulator } from '@codecatalyst-runs/simulator'

export type LoadSimulatorRequest =
  | { readonly seed: ReadonlyArray<{ workflowId: string; startMs: number; stepMs: number }> }
  | { readonly outageMs: number }
  | { readonly counts: true }

export type LoadSimulatorAnswer =
  | { readonly url: string }
  | { readonly ids: string[] }
  | { readonly back: true }
  | { readonly requests: number; readonly throttled: number }

const rateLimit = Number(process.argv[2])
const simulator = await startSimulator({ rateLimit })
const answer = (message: LoadSimulatorAnswer) => process.send?.(message)

process.on('message', async (message: LoadSimulatorRequest) => {
  if ('seed' in message) {
    answer({
      ids: message.seed.map(({ workflowId, ...timing }) => simulator.seedRun(workflowId, timing)),
    })
  } else if ('outageMs' in message) {
    await simulator.outage(message.outageMs)
    answer({ back: true })
  } else {
    answer({
      requests: simulator.requestCount('GetWorkflowRun'),
      throttled: simulator.throttledCount(),
    })
  }
})
// Ends with its parent.
process.on('disconnect', () => process.exit(0))
answer({ url: simulator.url })
