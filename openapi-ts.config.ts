import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { operationsPlugin } from '@codecatalyst-runs/codegen/plugin'
import { referencePlugin } from '@codecatalyst-runs/codegen/reference-plugin'
import { defineConfig, type UserConfig } from '@hey-api/openapi-ts'

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
const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome')
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Where each generated thing goes: the repo's folders, or a test's. */
export interface GeneratedPaths {
  readonly types: string
  readonly client: string
  /** The simulator's table of operations (routes and input constraints), from the same plugin. */
  readonly simulator: string
  /** The MCP server's tools, one per operation, from the same plugin. */
  readonly mcp: string
  /** The client's usage reference, one section per method. */
  readonly reference: string
}

export const repoPaths: GeneratedPaths = {
  types: './packages/types/src/generated',
  client: './packages/client/src/generated',
  simulator: here('./apps/simulator/src/generated'),
  mcp: here('./packages/mcp/src/generated'),
  reference: here('./packages/client/REFERENCE.md'),
}

/** The two jobs, writing to `paths` (a test gives its own, so that it never writes the repo's). */
export function jobs(paths: GeneratedPaths = repoPaths): UserConfig[] {
  return [
    {
      input,
      // No entry file: every generated file ends in .gen.ts; src/index.ts re-exports them.
      output: {
        path: paths.types,
        entryFile: false,
        module,
        postProcess: ['biome:format'],
      },
      plugins: [typescriptPlugin],
    },
    {
      input,
      output: {
        path: paths.client,
        entryFile: false,
        module,
        postProcess: [
          {
            // Outside the job's folder, so the job's own formatting step does not reach it.
            name: "Format the simulator's table of operations",
            command: process.execPath,
            args: [biome, 'format', '--write', paths.simulator],
          },
          {
            name: "Format the MCP server's tools",
            command: process.execPath,
            args: [biome, 'format', '--write', paths.mcp],
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
        operationsPlugin({ simulatorOutput: paths.simulator, mcpOutput: paths.mcp }),
        // packages/client/REFERENCE.md: signature, input, output, errors and an example per method.
        referencePlugin({ output: paths.reference }),
      ],
    },
  ]
}

export default defineConfig(jobs())
