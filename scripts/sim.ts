// `pnpm sim`: the CodeCatalyst simulator behind Prism's validation proxy, for the CLI, the
// client or curl. Prints the proxy's URL on a line of its own; Ctrl-C stops both.
import {
  parseSimArgs,
  startProxiedSimulator,
  UsageError,
  usage,
} from '@codecatalyst-runs/simulator'
import { where } from '@codecatalyst-runs/testing/fixtures'

let command: ReturnType<typeof parseSimArgs>
try {
  command = parseSimArgs(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  console.error(`${error.message}\n\n${usage}`)
  process.exit(2)
}
if (command.help) {
  process.stdout.write(usage)
  process.exit(0)
}

const sim = await startProxiedSimulator(command.options)
console.log(
  `CodeCatalyst simulator on ${sim.simulator.url}, served through Prism's validation proxy (pid ${sim.proxy.pid}) on:`,
)
console.log(sim.url)
console.log(`
Space ${where.spaceName}, project ${where.projectName}. Any bearer token is accepted. Try:
  export CODECATALYST_ENDPOINT=${sim.url} CODECATALYST_TOKEN=any
  export CODECATALYST_SPACE=${where.spaceName} CODECATALYST_PROJECT=${where.projectName}
  node apps/cli/dist/main.js start --workflow build --branch main --wait --interval 1s
Press Ctrl-C to stop.`)
// Ctrl-C ends this process, the simulator with it, and the proxy by its PID (child-process.ts).
