// The operations generator outside openapi-ts, e.g. to try a spec by hand. `pnpm generate` runs
// the same generator as a hey-api plugin (packages/codegen) and formats what it writes; this
// entry writes it unformatted: operations.gen.ts and errors.gen.ts into <output folder>, and the
// simulator's table into <simulator folder> if given.
// Usage: node scripts/generate-operations.ts <spec> <output folder> [<simulator folder>]
import { generate, readSpecFile, writeGenerated } from '@codecatalyst-runs/codegen'

const [specPath, outputDir, simulatorDir] = process.argv.slice(2)
if (!specPath || !outputDir) {
  console.error(
    'Usage: node scripts/generate-operations.ts <spec> <output folder> [<simulator folder>]',
  )
  process.exit(2)
}
writeGenerated(generate(readSpecFile(specPath)), { client: outputDir, simulator: simulatorDir })
