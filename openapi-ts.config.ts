import { defineConfig } from '@hey-api/openapi-ts'

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
          specifier === './types.gen.js' ? '@codecatalyst-runs/types' : undefined,
      },
      postProcess: [
        // The client's copy of the types is generated only to be imported from the types package.
        { name: 'Drop duplicate types', command: 'rm', args: ['-f', '{{path}}/types.gen.ts'] },
        'biome:format',
      ],
    },
    plugins: [
      typescriptPlugin,
      '@hey-api/client-fetch',
      '@hey-api/sdk',
      // The client reads the spec's constraints from these at run time; 'form' leaves out the
      // descriptions, which are most of their weight in a bundle.
      { name: '@hey-api/schemas', type: 'form' },
    ],
  },
])
