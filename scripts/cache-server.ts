// `pnpm cache-server`: a turbo remote cache to try sharing builds on this machine. A real
// turborepo-remote-cache on 127.0.0.1, storage in a temp folder, a fresh token and signature key;
// it prints the variables to export and runs until Ctrl-C, which stops it and deletes the storage.
import { parseArgs } from 'node:util'
import {
  defaultTeam,
  randomSecret,
  serverVersion,
  startTurboCacheServer,
  turboVariables,
} from '@codecatalyst-runs/dev-servers/turbo-cache-server'

try {
  parseArgs({ args: process.argv.slice(2), options: {}, strict: true, allowPositionals: false })
} catch (error) {
  console.error(`pnpm cache-server takes no arguments: ${(error as Error).message}`)
  process.exit(2)
}

const server = await startTurboCacheServer()
const variables = turboVariables(server, randomSecret(32), defaultTeam)

console.log(
  `turborepo-remote-cache ${serverVersion} listening on ${server.url} (127.0.0.1 only, pid ${server.pid})`,
)
console.log(`Storage: ${server.storage} (deleted when it stops)`)
console.log('')
console.log('In each shell or clone that should share the cache:')
console.log('')
for (const [name, value] of Object.entries(variables)) console.log(`export ${name}=${value}`)
console.log('')
console.log('Then `pnpm build` uploads what it builds, signed, and a fresh clone with the same')
console.log('four variables gets it back (FULL TURBO). Press Ctrl-C to stop.')
// Ctrl-C stops the server with this process (see child-process.ts) and an exit hook of
// turbo-cache-server.ts deletes its storage.
process.once('exit', () => console.log('\nCache server stopped, storage deleted.'))
