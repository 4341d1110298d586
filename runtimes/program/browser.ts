// The page's program: the same checks, in a browser tab. The page URL carries the API URL and
// the expected values; the result is left on `globalThis.runtimeReport` for the harness to read.
import { type Expected, runChecks } from './checks.ts'

const params = new URLSearchParams(location.search)
const report = runChecks({
  apiUrl: params.get('api') ?? '',
  expected: JSON.parse(params.get('expected') ?? '{}') as Expected,
}).then((results) => ({
  version: navigator.userAgent,
  secureContext: globalThis.isSecureContext,
  results,
}))
;(globalThis as { runtimeReport?: unknown }).runtimeReport = report
