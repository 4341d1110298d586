// `pnpm mock`: the Prism mock of the spec, for trying the client or the CLI by hand.
import { startPrism } from './prism.ts'

const mock = await startPrism()
console.log(
  `Prism mock of spec/codecatalyst.openapi.yaml listening on ${mock.url} (pid ${mock.pid})`,
)
console.log(`Try: CODECATALYST_TOKEN=t node apps/cli/dist/main.js get --endpoint ${mock.url} \\`)
console.log(
  '       --space my-space --project my-project --id 0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
)
console.log('Press Ctrl-C to stop.')
// Ctrl-C stops the mock with this process (see child-process.ts).
