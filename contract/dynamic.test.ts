import type { WorkflowRun } from '@codecatalyst-runs/client'
import { expect, it } from 'vitest'
import { dateTimeFields, dynamicRun, statuses, validateResponse } from './harness.ts'

const seeds = Array.from({ length: 500 }, (_, index) => index + 1)

/** The run as the wire would carry it, to validate against the spec's schema. */
function toWire(run: WorkflowRun): unknown {
  return JSON.parse(JSON.stringify(run))
}

it(`${seeds.length} seeded dynamic responses all parse into runs that satisfy the spec`, async () => {
  const failures: string[] = []
  // A few requests in flight at a time: Prism answers in about a millisecond each.
  for (let start = 0; start < seeds.length; start += 10) {
    await Promise.all(
      seeds.slice(start, start + 10).map(async (seed) => {
        try {
          const { run, wire } = await dynamicRun(seed)
          if (!validateResponse(toWire(run))) {
            failures.push(`seed ${seed}: ${JSON.stringify(validateResponse.errors)}`)
          }
          if (!statuses.includes(run.status)) failures.push(`seed ${seed}: status ${run.status}`)
          for (const field of dateTimeFields) {
            const value = (run as Record<string, unknown>)[field]
            if (wire[field] === undefined) continue
            if (!(value instanceof Date) || value.getTime() !== Date.parse(wire[field] as string)) {
              failures.push(`seed ${seed}: ${field} ${String(value)} ≠ wire ${String(wire[field])}`)
            }
          }
        } catch (error) {
          failures.push(String(error))
        }
      }),
    )
  }
  expect(failures, 'reproduce with Prefer: dynamic=true, seed=<seed>').toEqual([])
})
