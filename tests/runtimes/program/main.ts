// The program Node, Bun and Deno run: `<runtime> program.mjs '<CheckContext as JSON>'`. It prints
// one JSON line, { version, results }, and must then exit on its own (no handle left open).
import { type CheckContext, runChecks } from './checks.ts'

const runtime = globalThis as {
  Deno?: { version: { deno: string }; args: string[] }
  Bun?: { version: string }
}
const [contextJson = '{}'] = runtime.Deno?.args ?? process.argv.slice(2)
const version = runtime.Deno?.version.deno ?? runtime.Bun?.version ?? process.versions.node

const results = await runChecks(JSON.parse(contextJson) as CheckContext)
console.log(JSON.stringify({ version, results }))
