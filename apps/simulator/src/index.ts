export type { OperationId } from './from-spec.ts'
export { type ManualClock, manualClock } from './manual-clock.ts'
export { parseSimArgs, type SimCommand, UsageError, usage } from './options.ts'
export { type ProxiedSimulator, startProxiedSimulator } from './proxied.ts'
export {
  defaultStepMs,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './server.ts'
