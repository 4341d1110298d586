import { expect, it } from 'vitest'
import {
  dateTimeFieldsOf,
  dynamicOutput,
  operationIds,
  validateOutput,
  valuesAt,
} from './harness.ts'

// GetWorkflowRun has had 500 seeds from the start; every other operation gets 200.
const seedCount = (id: string) => (id === 'GetWorkflowRun' ? 500 : 200)

it.each(operationIds)(
  '%s: seeded dynamic responses all parse into outputs that satisfy the spec',
  async (id) => {
    const seeds = Array.from({ length: seedCount(id) }, (_, index) => index + 1)
    const failures: string[] = []
    // A few requests in flight at a time: Prism answers in about a millisecond each.
    for (let start = 0; start < seeds.length; start += 10) {
      await Promise.all(
        seeds.slice(start, start + 10).map(async (seed) => {
          try {
            const { output, wire } = await dynamicOutput(id, seed)
            // Back to the wire form (Dates as ISO strings): it must satisfy the schema.
            const { valid, errors } = validateOutput(id, JSON.parse(JSON.stringify(output)))
            if (!valid) failures.push(`seed ${seed}: ${JSON.stringify(errors)}`)
            for (const field of dateTimeFieldsOf(id)) {
              const ours = valuesAt(output, field)
              const theirs = valuesAt(wire, field)
              if (ours.length !== theirs.length) failures.push(`seed ${seed}: ${field} count`)
              ours.forEach((value, index) => {
                const sent = theirs[index] as string
                if (!(value instanceof Date) || value.getTime() !== Date.parse(sent)) {
                  failures.push(`seed ${seed}: ${field} ${String(value)} ≠ wire ${sent}`)
                }
              })
            }
          } catch (error) {
            failures.push(String(error))
          }
        }),
      )
    }
    expect(failures, 'reproduce with Prefer: dynamic=true, seed=<seed>').toEqual([])
  },
)
