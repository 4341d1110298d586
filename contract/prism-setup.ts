import type { TestProject } from 'vitest/node'
import { startPrism } from '../scripts/prism.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string
  }
}

export default async function setup(project: TestProject) {
  const mock = await startPrism()
  // If the run is interrupted or crashes, the mock must not outlive it.
  const killNow = () => {
    try {
      process.kill(mock.pid, 'SIGKILL')
    } catch {}
  }
  process.once('exit', killNow)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`[prism-setup] ${signal}: stopping Prism (pid ${mock.pid})`)
      killNow()
      process.exit(130)
    })
  }
  project.provide('prismUrl', mock.url)
  return async () => {
    await mock.stop()
    process.off('exit', killNow)
  }
}
