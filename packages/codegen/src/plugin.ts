// The generator as a hey-api plugin: openapi-ts runs its handler in the client job, after the
// spec is parsed and before hey-api writes its own files, so `pnpm generate` is openapi-ts alone.
// The handler reads the document openapi-ts itself loaded (`plugin.context.spec`: the input
// bundled into one document, `x-smithy-*` extensions and member constraints as written; hey-api's
// IR drops what the generator needs) and writes the files next to the SDK, where the job's
// `biome:format` step formats them, and into the simulator's folder.
import { resolve } from 'node:path'
import { type DefinePlugin, definePluginConfig } from '@hey-api/openapi-ts'
import { generate, writeGenerated } from './generate.ts'

export const pluginName = 'codecatalyst-operations'

export type OperationsPluginConfig = {
  name: typeof pluginName
  /** The simulator's generated folder; without it, the simulator's table is not written. */
  simulatorOutput?: string
  /** The mcp package's generated folder; without it, the MCP tools are not written. */
  mcpOutput?: string
}

export type OperationsPlugin = DefinePlugin<OperationsPluginConfig>

export const handler: OperationsPlugin['Handler'] = ({ plugin }) => {
  const { config } = plugin.context
  if (config.dryRun) return
  const files = generate(plugin.context.spec)
  writeGenerated(files, {
    client: resolve(config.output.path),
    simulator: plugin.config.simulatorOutput,
    mcp: plugin.config.mcpOutput,
  })
}

/**
 * The plugin for a job's `plugins`, e.g. `operationsPlugin({ simulatorOutput })`. The job's output
 * folder gets operations.gen.ts and errors.gen.ts; `simulatorOutput` the simulator's table.
 */
export const operationsPlugin = definePluginConfig<OperationsPlugin['Types']>({
  config: {},
  handler,
  name: pluginName,
})
