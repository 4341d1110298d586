// Debian's Chromium, driven by playwright-core: no browser download, only the apt package.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { aptInstall } from '@codecatalyst-runs/testing/apt'
import { chromium } from 'playwright-core'

const run = promisify(execFile)

export const chromiumPath = '/usr/bin/chromium'
const installCommand = 'apt-get update && apt-get install -y --no-install-recommends chromium'

/** Flags for a quiet, headless, throw-away browser that talks to nothing but the page's hosts. */
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Makes sure Debian's Chromium is at /usr/bin/chromium, and returns its version: installs it
 * with apt-get when it is missing and this is root, as the CLI's tmux test does; otherwise fails
 * with the command to run.
 */
export async function ensureChromium(): Promise<string> {
  if (!existsSync(chromiumPath)) await installChromium()
  // `Chromium 156.0.8078.79 built on Debian …`: the page's user agent only says `156.0.0.0`.
  const { stdout } = await run(chromiumPath, ['--version'])
  return /[\d.]+/.exec(stdout)?.[0] ?? stdout.trim()
}

async function installChromium(): Promise<void> {
  const howTo = `Install it with: sudo sh -c '${installCommand}'`
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing at ${chromiumPath} and this is not root. ${howTo}`)
  }
  try {
    await aptInstall('chromium')
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string }
    throw new Error(`apt-get could not install Chromium (${stderr?.trim() || message}). ${howTo}`)
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`apt-get installed chromium, but ${chromiumPath} is still missing. ${howTo}`)
  }
}

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
