// Debian's Chromium, driven by playwright-core: no browser download, only the apt package.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumFlags, chromiumPath } from '@codecatalyst-runs/testing/chromium'
import { chromium } from 'playwright-core'

// Found or installed by packages/testing's chromium.ts, shared with tests/docs.
export { ensureChromium } from '@codecatalyst-runs/testing/chromium'

export interface PageRun<T> {
  /** What the page's program left on `globalThis.runtimeReport`. */
  readonly report: T
  /** Uncaught errors of the page. */
  readonly pageErrors: string[]
}

/**
 * Opens `url` in a fresh headless Chromium profile (its own --user-data-dir, removed after) and
 * returns the awaited `globalThis.runtimeReport` the page's program leaves. When the page never
 * leaves one, the error carries the page's console.
 */
export async function runInChromium<T>(url: string, timeoutMs: number): Promise<PageRun<T>> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'codecatalyst-runs-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    timeout: timeoutMs,
  })
  const pageErrors: string[] = []
  // Not failures by themselves: Chromium logs every 4xx fetch, the checks' own 404 included.
  const consoleLines: string[] = []
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`))
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`))
    await page.goto(url, { timeout: timeoutMs })
    await page
      .waitForFunction(() => 'runtimeReport' in globalThis, undefined, { timeout: timeoutMs })
      .catch((error: Error) => {
        throw new Error(
          `the page left no report: ${error.message}\n${[...pageErrors, ...consoleLines].join('\n')}`,
        )
      })
    const report = (await page.evaluate(
      () => (globalThis as { runtimeReport?: unknown }).runtimeReport,
    )) as T
    return { report, pageErrors }
  } finally {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
  }
}
