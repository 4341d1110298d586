// A vitest globalSetup: one Prism mock for a whole project (`globalSetup:
// ['@codecatalyst-runs/testing/prism-setup']`), whose files read its URL from prism-url.ts.

import { startPrismMock } from '@codecatalyst-runs/dev-servers/prism'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string
  }
}

// Stopped by PID after the run, and killed with the test runner if the run is interrupted
// (startPrismMock sees to that).
export default async function setup(project: TestProject) {
  const mock = await startPrismMock()
  project.provide('prismUrl', mock.url)
  return () => mock.stop()
}
