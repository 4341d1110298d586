import { execFileSync } from 'node:child_process'
import { aptInstall } from '@codecatalyst-runs/testing/apt'
import { exampleRuns, where } from '@codecatalyst-runs/testing/fixtures'
import {
  type LocalServer,
  sendJson,
  startLocalServer,
} from '@codecatalyst-runs/testing/local-server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { cliPath, token } from './test-support/run-cli.ts'

// A real terminal: tmux runs `watch` in a pane, and the test reads the pane's screen.
const socket = `codecatalyst-runs-test-${process.pid}`
const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' })
let tmuxServerPid: number | undefined
let server: LocalServer | undefined

async function ensureTmux() {
  try {
    execFileSync('tmux', ['-V'])
  } catch {
    // Debian's tmux, installed on a machine that lacks it (root, Debian's registry reachable),
    // taking turns with the runtimes test's Chromium install.
    await aptInstall('tmux')
  }
}

beforeAll(() => ensureTmux(), 600_000)
afterAll(async () => {
  if (tmuxServerPid) {
    try {
      process.kill(tmuxServerPid, 'SIGTERM')
    } catch {}
  }
  await server?.close()
})

function startWatch(id: string, url: string, session: string, { ci = false } = {}) {
  const command = [
    process.execPath,
    cliPath,
    'watch',
    '--space',
    where.spaceName,
    '--project',
    where.projectName,
  ]
    .concat(['--id', id, '--interval', '100ms', '--endpoint', url])
    .map((part) => `'${part}'`)
    .join(' ')
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '100',
    '-y',
    '20',
    '-e',
    `CODECATALYST_TOKEN=${token}`,
    '-e',
    'TERM=xterm-256color',
    // A person's terminal unless asked for a CI one: CI runs set CI, which turns the live line off.
    `${ci ? 'env CI=true' : 'env -u CI'} ${command}; echo EXIT=$?; sleep 60`,
  )
  tmuxServerPid = Number(tmux('display-message', '-p', '-t', session, '#{pid}').trim())
}

async function screenWhen(
  done: (screen: string) => boolean,
  session = 'watch',
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let screen = ''
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-t', session)
    if (done(screen)) return screen
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the screen never got there:\n${screen}`)
}

const run = exampleRuns.succeeded

it('watch on a TTY shows a live spinner line, then leaves a clean screen and the cursor', async () => {
  let release = false
  server = await startLocalServer((_req, res) =>
    sendJson(res, 200, { ...run, status: release ? 'SUCCEEDED' : 'IN_PROGRESS' }),
  )
  startWatch(run.id, server.url, 'watch')

  const live = await screenWhen((screen) => /IN_PROGRESS +\d+(\.\d)?s elapsed/.test(screen))
  expect(live).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] IN_PROGRESS/)
  expect(tmux('display-message', '-p', '-t', 'watch', '#{cursor_flag}').trim()).toBe('0')

  release = true
  const final = await screenWhen((screen) => screen.includes('EXIT='))
  expect(final).toContain('EXIT=0')
  expect(final).toContain(`SUCCEEDED  run ${run.id}`)
  expect(final).not.toContain('elapsed')
  expect(final).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/)
  expect(final).not.toContain(token)
  // The summary starts at the top line: the live line left nothing behind.
  expect(final.split('\n')[0]).toContain('SUCCEEDED  run')
  expect(tmux('display-message', '-p', '-t', 'watch', '#{cursor_flag}').trim()).toBe('1')
  // On a terminal the status is colored (green and bold for SUCCEEDED).
  const esc = String.fromCharCode(27)
  const styled = tmux('capture-pane', '-p', '-e', '-t', 'watch')
  expect(styled).toMatch(new RegExp(`${esc}\\[[0-9;]*m[^\\n]*SUCCEEDED`))
}, 30_000)

it('Ctrl-C in the terminal stops watch with 130 and restores the cursor', async () => {
  const stuck = await startLocalServer((_req, res) =>
    sendJson(res, 200, { ...run, status: 'IN_PROGRESS' }),
  )
  try {
    startWatch(run.id, stuck.url, 'interrupt')
    await screenWhen((screen) => screen.includes('IN_PROGRESS'), 'interrupt')
    expect(tmux('display-message', '-p', '-t', 'interrupt', '#{cursor_flag}').trim()).toBe('0')
    tmux('send-keys', '-t', 'interrupt', 'C-c')
    const final = await screenWhen((screen) => screen.includes('EXIT='), 'interrupt')
    expect(final).toContain('EXIT=130')
    expect(final).toContain('Interrupted.')
    expect(final).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/)
    expect(tmux('display-message', '-p', '-t', 'interrupt', '#{cursor_flag}').trim()).toBe('1')
  } finally {
    await stuck.close()
  }
}, 30_000)

it('under CI, even on a TTY, watch prints one line per change instead of a live line', async () => {
  let polls = 0
  const ci = await startLocalServer((_req, res) =>
    sendJson(res, 200, { ...run, status: ++polls < 3 ? 'IN_PROGRESS' : 'SUCCEEDED' }),
  )
  try {
    startWatch(run.id, ci.url, 'ci', { ci: true })
    const final = await screenWhen((screen) => screen.includes('EXIT='), 'ci')
    expect(final).toContain('EXIT=0')
    expect(final).toMatch(/\[\+[\d.]+s\] IN_PROGRESS\n\[\+[\d.]+s\] SUCCEEDED/)
    expect(final).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/)
  } finally {
    await ci.close()
  }
}, 30_000)
