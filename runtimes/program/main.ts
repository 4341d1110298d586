// The program Node, Bun and Deno run: `<runtime> program.mjs <api url> <expected json>`. It prints
// one JSON line, { version, results }, and must then exit on its own (no handle left open).
import { type Expected, runChecks } from './checks.ts'

const runtime = globalThis as {
  Deno?: { version: { deno: string }; args: string[] }
  Bun?: { version: string }
}
const args = runtime.Deno?.args ?? process.argv.slice(2)
const version = runtime.Deno?.version.deno ?? runtime.Bun?.version ?? process.versions.node
const [apiUrl = '', expectedJson = '{}'] = args

const results = await runChecks({ apiUrl, expected: JSON.parse(expectedJson) as Expected })
console.log(JSON.stringify({ version, results }))
