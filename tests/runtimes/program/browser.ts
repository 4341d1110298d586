// The page's program: the same checks, in a browser tab. The page URL's `context` parameter is
// the CheckContext as JSON; the result is left on `globalThis.runtimeReport` for the harness.
import { type CheckContext, runChecks } from './checks.ts'

const context = JSON.parse(new URLSearchParams(location.search).get('context') ?? '{}')
const report = runChecks(context as CheckContext).then((results) => ({
  results,
  secureContext: globalThis.isSecureContext,
}))
;(globalThis as { runtimeReport?: unknown }).runtimeReport = report
