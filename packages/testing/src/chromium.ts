// Debian's Chromium at /usr/bin/chromium, for the tests that drive it through playwright-core
// (tests/runtimes, tests/docs): no browser download, only the apt package.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { aptInstall } from './apt.ts'

const run = promisify(execFile)

export const chromiumPath = '/usr/bin/chromium'
const installCommand = 'apt-get update && apt-get install -y --no-install-recommends chromium'

/** Flags for a quiet, headless, throw-away browser that talks to nothing but the page's hosts. */
export const chromiumFlags = [
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
