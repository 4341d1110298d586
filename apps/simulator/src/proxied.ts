import { type PrismServer, startPrismProxy } from '@codecatalyst-runs/testing/prism'
import { type Simulator, type SimulatorOptions, startSimulator } from './server.ts'

export interface ProxiedSimulator {
  /** The proxy's base URL: the only one clients are given. */
  readonly url: string
  /** The simulator itself, in this process: its own URL and its fault controls. */
  readonly simulator: Simulator
  /** Prism's validation proxy, a child process. */
  readonly proxy: PrismServer
  /** Stops the proxy (by PID) and the simulator. */
  stop(): Promise<void>
}

/**
 * The simulator in this process, served through `prism proxy spec/codecatalyst.openapi.yaml
 * <simulator> --errors`: every request and every answer is checked against the spec, and an
 * answer that breaks it reaches the client as a 500 with `sl-violations`.
 */
export async function startProxiedSimulator(
  options: SimulatorOptions = {},
): Promise<ProxiedSimulator> {
  const simulator = await startSimulator(options)
  let proxy: PrismServer
  try {
    proxy = await startPrismProxy(simulator.url)
  } catch (error) {
    await simulator.stop()
    throw error
  }
  return {
    url: proxy.url,
    simulator,
    proxy,
    async stop() {
      await proxy.stop()
      await simulator.stop()
    },
  }
}
