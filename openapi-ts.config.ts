import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { operationsPlugin } from '@codecatalyst-runs/codegen/plugin'
import { referencePlugin } from '@codecatalyst-runs/codegen/reference-plugin'
import { defineConfig } from '@hey-api/openapi-ts'

// One spec, two packages. The types package holds the only copy of the type declarations, which
// hey-api writes; the client job's files, written by our plugin, import them from there.
const input = './spec/codecatalyst.openapi.yaml'
const typescriptPlugin = {
  name: '@hey-api/typescript',
  // The spec's response schema keeps its AWS model name, GetWorkflowRunResponse; without this
  // the status-code alias would take that name and push the schema's type to a `2` suffix.
  responses: { response: '{{name}}Output' },
} as const

// Explicit extension: in a pnpm workspace the generator may detect it from the wrong tsconfig.
const module = { extension: '.js' } as const

const generateVersion = fileURLToPath(new URL('./scripts/generate-version.ts', import.meta.url))
const clientManifest = fileURLToPath(new URL('./packages/client/package.json', import.meta.url))
// The simulator's table of operations (routes and input constraints) comes from the same plugin.
const simulatorGenerated = fileURLToPath(new URL('./apps/simulator/src/generated', import.meta.url))
// The MCP server's tools, one per operation, from the same plugin.
const mcpGenerated = fileURLToPath(new URL('./packages/mcp/src/generated', import.meta.url))
// The client's usage reference, one section per method, generated from the same spec.
const clientReference = fileURLToPath(new URL('./packages/client/REFERENCE.md', import.meta.url))
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
      module,
      postProcess: [
        {
          // Outside the job's folder, so the job's own formatting step does not reach it.
          name: "Format the simulator's table of operations",
          command: process.execPath,
          args: [biome, 'format', '--write', simulatorGenerated],
        },
        {
          name: "Format the MCP server's tools",
          command: process.execPath,
          args: [biome, 'format', '--write', mcpGenerated],
        },
        {
          name: 'Client version, for its user agent',
          command: process.execPath,
          args: [generateVersion, clientManifest, '{{path}}'],
        },
        'biome:format',
      ],
    },
    // Types come from the types package; the client job runs only our plugin.
    plugins: [
      // The operations (descriptors, input checks, output parsers), the error classes and the
      // simulator's table: packages/codegen, run on the spec openapi-ts has read (see its README).
      // No hey-api SDK: a call goes method → core → transport, built from the descriptor.
      operationsPlugin({ simulatorOutput: simulatorGenerated, mcpOutput: mcpGenerated }),
      // packages/client/REFERENCE.md: signature, input, output, errors and an example per method.
      referencePlugin({ output: clientReference }),
    ],
  },
])
