import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { operationsPlugin } from '@codecatalyst-runs/codegen/plugin'
import {
  type Client,
  clientDefaultConfig,
  clientDefaultMeta,
  clientPluginHandler,
  type DefinePlugin,
  defineConfig,
  definePluginConfig,
} from '@hey-api/openapi-ts'

// One spec, two packages. The types package holds the only copy of the type declarations; the
// client job imports them from there, so both jobs must name types identically.
const input = './spec/codecatalyst.openapi.yaml'
const typescriptPlugin = {
  name: '@hey-api/typescript',
  // The spec's response schema keeps its AWS model name, GetWorkflowRunResponse; without this
  // the status-code alias would take that name and push the schema's type to a `2` suffix.
  responses: { response: '{{name}}Output' },
} as const

// Explicit extension: in a pnpm workspace the generator may detect it from the wrong tsconfig.
const module = { extension: '.js' } as const

// The SDK runs on the client's own transport (packages/client/src/transport.ts) through hey-api's
// custom-client protocol, instead of the bundled fetch client: a quarter of the weight, and
// retries, timeouts and error shaping live in one place. The plugin's name is the module the
// generated SDK imports, mapped to that file by `module.resolve` below.
const transportPlugin = 'codecatalyst-transport'
type TransportConfig = Client.Config & { name: typeof transportPlugin }
type TransportPlugin = DefinePlugin<TransportConfig, TransportConfig>
const transport = definePluginConfig<TransportPlugin['Types']>({
  ...clientDefaultMeta,
  config: { ...clientDefaultConfig, bundle: false },
  handler: clientPluginHandler as unknown as TransportPlugin['Handler'],
  name: transportPlugin,
})

const generateVersion = fileURLToPath(new URL('./scripts/generate-version.ts', import.meta.url))
const clientManifest = fileURLToPath(new URL('./packages/client/package.json', import.meta.url))
// The simulator's table of operations (routes and input constraints) comes from the same plugin.
const simulatorGenerated = fileURLToPath(new URL('./apps/simulator/src/generated', import.meta.url))
const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome')

export default defineConfig([
  {
    input,
    // No entry file: every generated file ends in .gen.ts; src/index.ts re-exports them.
    output: {
      path: './packages/types/src/generated',
      entryFile: false,
      module,
      postProcess: ['biome:format'],
    },
    plugins: [typescriptPlugin],
  },
  {
    input,
    output: {
      path: './packages/client/src/generated',
      entryFile: false,
      module: {
        ...module,
        resolve: (specifier) =>
          ({ './types.gen.js': '@codecatalyst-runs/types', [transportPlugin]: '../transport.js' })[
            specifier
          ],
      },
      postProcess: [
        // The client's copy of the types is generated only to be imported from the types package,
        // and the SDK is given the transport on every call, so no default client instance is kept.
        {
          name: 'Drop duplicate types and the default client',
          command: 'rm',
          args: ['-f', '{{path}}/types.gen.ts', `{{path}}/${transportPlugin}.gen.ts`],
        },
        {
          // Outside the job's folder, so the job's own formatting step does not reach it.
          name: "Format the simulator's table of operations",
          command: process.execPath,
          args: [biome, 'format', '--write', simulatorGenerated],
        },
        {
          name: 'Client version, for its user agent',
          command: process.execPath,
          args: [generateVersion, clientManifest, '{{path}}'],
        },
        'biome:format',
      ],
    },
    plugins: [
      typescriptPlugin,
      transport(),
      // Flat parameters: the SDK functions take the input as callers write it.
      { name: '@hey-api/sdk', paramsStructure: 'flat', client: false },
      // Operation checks, parsers and error classes next to the SDK, and the simulator's table:
      // packages/codegen, run on the spec openapi-ts has read (see its README).
      operationsPlugin({ simulatorOutput: simulatorGenerated }),
    ],
  },
])
