// Prism, as a mock or as a validation proxy, answers a request or an answer that breaks the spec
// as it is and says what is wrong in its `sl-violations` header: a test has to look for it.
import { afterEach, beforeEach, expect } from 'vitest'

/**
 * Makes every test of the calling file fail when a request it sent through a checked fetch was
 * reported in `sl-violations`, listing each report. Call it at the top level of a test file (or
 * of a module it imports); it returns `checked`, which wraps a fetch (default: the global one)
 * so that it records those reports.
 */
export function failOnSpecViolations(
  what = 'requests or answers that broke the spec',
): (fetch?: typeof globalThis.fetch) => typeof globalThis.fetch {
  let violations: string[] = []
  beforeEach(() => {
    violations = []
  })
  afterEach(() => {
    expect(violations, `${what} (sl-violations)`).toEqual([])
  })
  return (inner = globalThis.fetch) =>
    async (input, init) => {
      const request = new Request(input, init)
      const response = await inner(request)
      const violation = response.headers.get('sl-violations')
      if (violation) violations.push(`${request.method} ${request.url}: ${violation}`)
      return response
    }
}
