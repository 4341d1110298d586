import { startPrismMock } from '@codecatalyst-runs/testing/prism'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string
  }
}

// One Prism for the whole contract project. It is stopped by PID after the run, and killed with
// the test runner if the run is interrupted (startPrismMock sees to that).
export default async function setup(project: TestProject) {
  const mock = await startPrismMock()
  project.provide('prismUrl', mock.url)
  return () => mock.stop()
}
