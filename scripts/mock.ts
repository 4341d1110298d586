// `pnpm mock`: the Prism mock of the spec, for trying the client or the CLI by hand.

import { startPrismMock } from '@codecatalyst-runs/dev-servers/prism'
import { runInput } from '@codecatalyst-runs/testing/fixtures'

const mock = await startPrismMock()
console.log(
  `Prism mock of spec/codecatalyst.openapi.yaml listening on ${mock.url} (pid ${mock.pid})`,
)
console.log(`Try: CODECATALYST_TOKEN=t node apps/cli/dist/main.js get --endpoint ${mock.url} \\`)
console.log(
  `       --space ${runInput.spaceName} --project ${runInput.projectName} --id ${runInput.id}`,
)
console.log('Press Ctrl-C to stop.')
// Ctrl-C stops the mock with this process (see child-process.ts).
