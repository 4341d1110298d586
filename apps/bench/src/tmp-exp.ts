import { spawn } from 'node:child_process'
import { Agent } from 'node:http'
import { createCodeCatalystClient } from '@codecatalyst-runs/client'

const child = spawn(process.execPath, ['apps/bench/src/server.ts'], {
  stdio: ['pipe', 'pipe', 'inherit'],
})
const port = await new Promise<string>((r) => child.stdout.once('data', (c) => r(String(c).trim())))
const url = `http://127.0.0.1:${port}`
const input = {
  spaceName: 'my-space',
  projectName: 'my-project',
  id: '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11',
}
const path = `/v1/spaces/my-space/projects/my-project/workflowRuns/${input.id}`
const dates = (b: any) => {
  for (const k of ['startTime', 'endTime', 'lastUpdatedTime']) if (b[k]) b[k] = new Date(b[k])
  return b
}
const client = createCodeCatalystClient({ token: 't', baseUrl: url })
const variants: Record<string, () => Promise<unknown>> = {
  bare: async () =>
    dates(await (await fetch(url + path, { headers: { authorization: 'Bearer t' } })).json()),
  signal: async () => {
    const c = new AbortController()
    const t = setTimeout(() => c.abort(), 30000)
    try {
      return dates(
        await (
          await fetch(url + path, { headers: { authorization: 'Bearer t' }, signal: c.signal })
        ).json(),
      )
    } finally {
      clearTimeout(t)
    }
  },
  ctlOnly: async () => {
    const c = new AbortController()
    const t = setTimeout(() => c.abort(), 30000)
    try {
      return dates(
        await (await fetch(url + path, { headers: { authorization: 'Bearer t' } })).json(),
      )
    } finally {
      clearTimeout(t)
    }
  },
  sigTimeout: async () =>
    dates(
      await (
        await fetch(url + path, {
          headers: { authorization: 'Bearer t' },
          signal: AbortSignal.timeout(30000),
        })
      ).json(),
    ),
  manual: async () =>
    dates(
      await (
        await fetch(url + path, { headers: { authorization: 'Bearer t' }, redirect: 'manual' })
      ).json(),
    ),
  ours: () => client.getWorkflowRun(input),
}
async function rate(fn: () => Promise<unknown>, n: number, par: number) {
  const t = performance.now()
  await Promise.all(
    Array.from({ length: par }, async () => {
      for (let i = 0; i < n / par; i++) await fn()
    }),
  )
  return n / ((performance.now() - t) / 1000)
}
const names = Object.keys(variants)
const s: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
for (const n of names) await rate(variants[n]!, 640, 32)
for (let r = 0; r < 9; r++)
  for (let i = 0; i < names.length; i++) {
    const n = names[(i + r) % names.length]!
    s[n]!.push(await rate(variants[n]!, 6400, 32))
  }
const med = (x: number[]) => [...x].sort((a, b) => a - b)[4]!
for (const n of names)
  console.log(n.padEnd(8), med(s[n]!).toFixed(0), (med(s[n]!) / med(s.bare!)).toFixed(3))
child.kill()
