// `pnpm version-packages`, last step: the composite action `actions/start-workflow-run` installs
// the published CLI at a pinned version; this sets that pin to apps/cli/package.json's version,
// which `changeset version` has just bumped. apps/cli/src/ci.test.ts fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs'

const root = new URL('..', import.meta.url)
const action = new URL('actions/start-workflow-run/action.yml', root)
const { version } = JSON.parse(readFileSync(new URL('apps/cli/package.json', root), 'utf8')) as {
  version: string
}
const pin = /(npx -y @codecatalyst-runs\/cli@)\d+\.\d+\.\d+(?:-[\w.]+)?/g
const text = readFileSync(action, 'utf8')
if (!pin.test(text)) {
  console.error('actions/start-workflow-run/action.yml pins no @codecatalyst-runs/cli version')
  process.exit(1)
}
writeFileSync(action, text.replace(pin, `$1${version}`))
console.log(`actions/start-workflow-run pins @codecatalyst-runs/cli@${version}`)
