// The client's usage reference (packages/client/REFERENCE.md) as a hey-api plugin of the client
// job, next to the operations plugin: `pnpm generate` writes it from the document openapi-ts
// loaded, as it writes the generated code, and the drift check covers it the same way.
import { writeFileSync } from 'node:fs'
import { type DefinePlugin, definePluginConfig } from '@hey-api/openapi-ts'
import { emitReference } from './reference-emitter.ts'
import { readSpec } from './spec-reader.ts'

export const referencePluginName = 'codecatalyst-reference'

export type ReferencePluginConfig = {
  name: typeof referencePluginName
  /** The Markdown file to write, e.g. the absolute path of packages/client/REFERENCE.md. */
  output: string
}

export type ReferencePlugin = DefinePlugin<ReferencePluginConfig>

export const handler: ReferencePlugin['Handler'] = ({ plugin }) => {
  if (plugin.context.config.dryRun) return
  if (!plugin.config.output) throw new Error(`${referencePluginName}: no output file`)
  writeFileSync(plugin.config.output, emitReference(readSpec(plugin.context.spec)))
}

/** The plugin for a job's `plugins`: `referencePlugin({ output })`. */
export const referencePlugin = definePluginConfig<ReferencePlugin['Types']>({
  config: { output: '' },
  handler,
  name: referencePluginName,
})
