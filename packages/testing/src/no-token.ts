import { inspect } from 'node:util'
import { expect } from 'vitest'

/**
 * Fails unless `token` appears nowhere in the values: in a string itself; in anything else, in
 * its text, its stack, its full inspection (hidden properties and causes included) and its JSON.
 */
export function expectNoToken(token: string, ...values: unknown[]): void {
  for (const value of values) {
    const views =
      typeof value === 'string'
        ? [value]
        : [
            String(value),
            (value as Error | undefined)?.stack ?? '',
            inspect(value, { depth: 10, showHidden: true }),
            JSON.stringify(value) ?? '',
          ]
    for (const view of views) expect(view).not.toContain(token)
  }
}
