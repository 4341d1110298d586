// The read-only provider checks against the real CodeCatalyst, through Prism's validation
// proxy: a failure here means that AWS answers something the spec does not describe (or
// that the project has nothing to read). Run by `pnpm test:live`, never by `pnpm test`.
import { type PrismServer, startPrismProxy } from '@codecatalyst-runs/dev-servers/prism'
import { spec } from '@codecatalyst-runs/testing/spec'
import { afterAll, beforeAll } from 'vitest'
import { type ProviderTarget, readOnlyChecks } from './provider-checks.ts'

const { CODECATALYST_TOKEN, CODECATALYST_SPACE, CODECATALYST_PROJECT, CODECATALYST_ENDPOINT } =
  process.env
if (!CODECATALYST_TOKEN || !CODECATALYST_SPACE || !CODECATALYST_PROJECT) {
  throw new Error('Run this through `pnpm test:live`, which says what to set.')
}
const upstream = CODECATALYST_ENDPOINT || (spec.servers[0].url as string)

let proxy: PrismServer
beforeAll(async () => {
  proxy = await startPrismProxy(upstream)
})
afterAll(async () => {
  await proxy?.stop()
})

readOnlyChecks(
  (): ProviderTarget => ({
    url: proxy.url,
    token: CODECATALYST_TOKEN,
    where: { spaceName: CODECATALYST_SPACE, projectName: CODECATALYST_PROJECT },
  }),
)
