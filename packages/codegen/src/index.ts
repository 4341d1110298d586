// @codecatalyst-runs/codegen: the spec reader and the generator. The hey-api plugin that runs the
// generator inside openapi-ts is `@codecatalyst-runs/codegen/plugin` (it imports hey-api).
export { emitErrors } from './errors-emitter.ts'
export { type GeneratedFiles, generate, writeGenerated } from './generate.ts'
export { emitMcpTools, readTools, toolName } from './mcp-tools-emitter.ts'
export { emitOperations } from './operations-emitter.ts'
export { emitSimulatorTable } from './simulator-emitter.ts'
export * from './spec-reader.ts'
