// The generator: the spec read once, then one emitter per file. `generate` only computes the
// files' text (the same spec gives the same bytes); `writeGenerated` puts them in their folders.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { emitErrors } from './errors-emitter.ts'
import { emitMcpTools } from './mcp-tools-emitter.ts'
import { emitMethods } from './methods-emitter.ts'
import { emitOperations, sharedTypeNames } from './operations-emitter.ts'
import { emitSimulatorTable } from './simulator-emitter.ts'
import { readSpec, type SpecNode } from './spec-reader.ts'

/** The generated files by folder, each by file name. */
export interface GeneratedFiles {
  /** For packages/client/src/generated. */
  readonly client: Readonly<Record<string, string>>
  /** For apps/simulator/src/generated. */
  readonly simulator: Readonly<Record<string, string>>
  /** For packages/mcp/src/generated: the MCP server's tools. */
  readonly mcp: Readonly<Record<string, string>>
}

/** The files a spec (a parsed OpenAPI document) gives; throws a SpecError for what it cannot. */
export function generate(document: SpecNode): GeneratedFiles {
  const model = readSpec(document)
  return {
    client: {
      'operations.gen.ts': emitOperations(model),
      ...emitMethods(model, sharedTypeNames(model)),
      'errors.gen.ts': emitErrors(model),
    },
    simulator: { 'operations.gen.ts': emitSimulatorTable(model) },
    mcp: { 'tools.gen.ts': emitMcpTools(model) },
  }
}

/** Writes the files into their folders (made if missing); the simulator's and mcp's if given. */
export function writeGenerated(
  files: GeneratedFiles,
  folders: {
    readonly client: string
    readonly simulator?: string | undefined
    readonly mcp?: string | undefined
  },
): string[] {
  const written: string[] = []
  const write = (folder: string, byName: Readonly<Record<string, string>>) => {
    mkdirSync(folder, { recursive: true })
    for (const [name, text] of Object.entries(byName)) {
      const path = join(folder, name)
      writeFileSync(path, text)
      written.push(path)
    }
  }
  write(folders.client, files.client)
  if (folders.simulator) write(folders.simulator, files.simulator)
  if (folders.mcp) write(folders.mcp, files.mcp)
  return written
}
