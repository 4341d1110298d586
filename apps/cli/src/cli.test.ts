import { exampleRuns, runInput } from '@codecatalyst-runs/testing/fixtures'
import type { LocalServer } from '@codecatalyst-runs/testing/local-server'
import { expectNoToken } from '@codecatalyst-runs/testing/no-token'
import { operationRequest } from '@codecatalyst-runs/testing/operation-request'
import { prismUrl } from '@codecatalyst-runs/testing/prism-url'
import { replay } from '@codecatalyst-runs/testing/replay'
import { errorResponse } from '@codecatalyst-runs/testing/spec'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli, token } from './test-support/run-cli.ts'

const succeeded = exampleRuns.succeeded
const ids = ['--space', runInput.spaceName, '--project', runInput.projectName, '--id', runInput.id]
/** What the mock answers `Prefer: code=404` with: GetWorkflowRun's first 404 example. */
const notFound = errorResponse(404, 'GetWorkflowRun')

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A local server that replays a status sequence, repeating the last one. */
async function replayed(statuses: string[]) {
  server = await replay(statuses)
  return server
}

describe('get', () => {
  it('prints the run as a readable block', async () => {
    const { code, stdout, stderr } = await runCli(['get', ...ids, '--endpoint', prismUrl])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain(`SUCCEEDED  run ${succeeded.id}`)
    expect(stdout).toMatch(new RegExp(`workflow +${succeeded.workflowId}`))
    expect(stdout).toMatch(/started +2026-11-02 09:15:04 UTC/)
    expect(stdout).toMatch(/ended +2026-11-02 09:21:47 UTC/)
    expect(stdout).toMatch(/duration +6m 43s/)
    expect(stdout).toMatch(/last update +2026-11-02 09:21:47 UTC/)
    expect(stdout).not.toContain('status reasons')
    expect(stdout).not.toContain('\u001b[') // plain off a TTY
  })

  it('shows status reasons when there are any', async () => {
    const { code, stdout } = await runCli(['get', ...ids, '--endpoint', prismUrl], {
      prefer: 'example=failed',
    })
    expect(code).toBe(0)
    expect(stdout).toContain('FAILED')
    expect(stdout).toContain('status reasons\n    - {}')
  })

  it('--json prints the run as JSON with ISO timestamps', async () => {
    const { code, stdout } = await runCli(['get', ...ids, '--json', '--endpoint', prismUrl])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual(succeeded)
  })

  it('takes the endpoint from CODECATALYST_ENDPOINT', async () => {
    const { code } = await runCli(['get', ...ids], { env: { CODECATALYST_ENDPOINT: prismUrl } })
    expect(code).toBe(0)
  })
})

describe('exit codes', () => {
  it.each([
    ['an unknown flag', ['get', ...ids, '--colour'], /Unknown option --colour/],
    [
      'a missing option',
      ['get', '--space', runInput.spaceName, '--id', succeeded.id],
      /Missing option --project/,
    ],
    [
      'a bad id',
      ['get', '--space', runInput.spaceName, '--project', runInput.projectName, '--id', 'nope'],
      /id must match/,
    ],
    ['a bad duration', ['watch', ...ids, '--interval', '5 minutes'], /--interval takes a duration/],
    ['no command', [], /No command given/],
  ])('2 for %s, with nothing sent', async (_case, args, message) => {
    const { url, requests } = await replayed(['SUCCEEDED'])
    const { code, stdout, stderr } = await runCli([...args, '--endpoint', url])
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expect(stdout).toBe('')
    expect(requests).toHaveLength(0)
  })

  it('2 for an endpoint that is not a URL, naming the flag', async () => {
    const { code, stderr } = await runCli(['get', ...ids, '--endpoint', 'localhost:4010/api'])
    expect(code).toBe(2)
    expect(stderr).toContain('Invalid endpoint (--endpoint or CODECATALYST_ENDPOINT)')
  })

  it('2 for no token, with nothing sent', async () => {
    const { url, requests } = await replayed(['SUCCEEDED'])
    const { code, stderr } = await runCli(['get', ...ids, '--endpoint', url], {
      env: { CODECATALYST_TOKEN: undefined },
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/CODECATALYST_TOKEN/)
    expect(requests).toHaveLength(0)
  })

  it('2 for a token given as a flag, which is never echoed', async () => {
    const { code, stderr } = await runCli(['get', ...ids, '--token=flag-secret-123'])
    expect(code).toBe(2)
    expect(stderr).toContain('The token comes from CODECATALYST_TOKEN only')
    expect(stderr).not.toContain('flag-secret-123')
  })

  it('3 for an API error, with its message, error name and request id', async () => {
    const { code, stdout, stderr } = await runCli(['get', ...ids, '--endpoint', prismUrl], {
      prefer: 'code=404',
    })
    expect(code).toBe(3)
    expect(stdout).toBe('')
    expect(stderr).toContain(notFound.name)
    expect(stderr).toContain(notFound.message)
    expect(stderr).toContain(`request id ${notFound.requestId}`)
    expect(stderr).not.toMatch(/\n\s+at /) // no stack trace without --debug
    expectNoToken(token, stdout, stderr)
  })

  it('--debug adds the details, still without the token', async () => {
    const { code, stderr } = await runCli(['get', ...ids, '--endpoint', prismUrl, '--debug'], {
      prefer: 'code=404',
    })
    expect(code).toBe(3)
    expect(stderr).toMatch(/\n\s+at /)
    expectNoToken(token, stderr)
  })

  it('4 for a network failure after retries', async () => {
    const { url } = await replayed(['SUCCEEDED'])
    await server?.close()
    server = undefined
    const { code, stderr } = await runCli(['get', ...ids, '--endpoint', url])
    expect(code).toBe(4)
    expect(stderr).toMatch(
      /Could not reach CodeCatalyst \(ECONNREFUSED\)\. Gave up after 3 attempts\./,
    )
  })
})

describe('watch', () => {
  const watch = (url: string, ...options: string[]) =>
    runCli(['watch', ...ids, ...options, '--endpoint', url])
  const sequence = ['VALIDATING', 'PROVISIONING', 'IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED']

  it('prints one line per status change and the final summary; 0 for SUCCEEDED', async () => {
    const { url, requests } = await replayed(sequence)
    const { code, stdout, stderr } = await watch(url, '--interval', '10ms')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const changes = stdout.split('\n').filter((line) => line.startsWith('[+'))
    expect(changes.map((line) => line.split('] ')[1])).toEqual([
      'VALIDATING',
      'PROVISIONING',
      'IN_PROGRESS',
      'SUCCEEDED',
    ])
    expect(stdout).toContain(`SUCCEEDED  run ${succeeded.id}`)
    expect(requests).toHaveLength(5)
  })

  it('1 when the run ends in FAILED', async () => {
    const { url } = await replayed(['VALIDATING', 'IN_PROGRESS', 'FAILED'])
    const { code, stdout } = await watch(url, '--interval', '10ms')
    expect(code).toBe(1)
    expect(stdout).toContain('FAILED  run')
  })

  it('--json prints one JSON object per status change', async () => {
    const { url } = await replayed(sequence)
    const { code, stdout } = await watch(url, '--json', '--interval', '10ms')
    expect(code).toBe(0)
    const objects = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(objects.map((run) => run.status)).toEqual([
      'VALIDATING',
      'PROVISIONING',
      'IN_PROGRESS',
      'SUCCEEDED',
    ])
    expect(objects[0].startTime).toBe(succeeded.startTime)
  })

  it('4 when --timeout expires', async () => {
    const { url } = await replayed(['IN_PROGRESS'])
    const { code, stderr } = await watch(url, '--interval', '20ms', '--timeout', '300ms')
    expect(code).toBe(4)
    expect(stderr).toContain('the run is still IN_PROGRESS')
  })

  it.each([
    ['SIGINT', 130, 'Interrupted.\n'],
    ['SIGTERM', 143, 'Terminated.\n'],
  ] as const)('%s stops it cleanly with %i', async (signal, exitCode, message) => {
    const { url, requests } = await replayed(['IN_PROGRESS'])
    const result = await runCli(['watch', ...ids, '--interval', '50ms', '--endpoint', url], {
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (requests.length > 0) {
            clearInterval(poll)
            child.kill(signal)
          }
        }, 10)
      },
    })
    expect(result.signal).toBeNull()
    expect(result.code).toBe(exitCode)
    expect(result.stderr).toBe(message)
  })
})

describe('--help and --version', () => {
  it('--help documents the commands and every exit code', async () => {
    const { code, stdout } = await runCli(['--help'])
    expect(code).toBe(0)
    for (const text of [
      'get ',
      'watch ',
      '--interval',
      '--timeout',
      'CODECATALYST_TOKEN',
      'CODECATALYST_ENDPOINT',
    ]) {
      expect(stdout).toContain(text)
    }
    for (const exitCode of ['0 ', '1 ', '2 ', '3 ', '4 ', '130 '])
      expect(stdout).toContain(`\n  ${exitCode}`)
  })

  it('watch --help shows the same help', async () => {
    const { code, stdout } = await runCli(['watch', '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('Exit codes:')
  })

  it('--version names the CLI and client versions', async () => {
    const { code, stdout } = await runCli(['--version'])
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /^codecatalyst-runs \d+\.\d+\.\d+ \(@codecatalyst-runs\/client \d+\.\d+\.\d+\)\n$/,
    )
  })
})

describe('--debug, CODECATALYST_DEBUG and --header', () => {
  it('--debug logs every request to stderr, never the token; stdout stays the output', async () => {
    const { path } = operationRequest('GetWorkflowRun', runInput)
    const { url } = await replayed(['SUCCEEDED'])
    for (const options of [{ args: ['--debug'] }, { args: [], env: { CODECATALYST_DEBUG: '1' } }]) {
      const { code, stdout, stderr } = await runCli(
        ['get', ...ids, '--endpoint', url, ...options.args],
        { env: options.env },
      )
      expect(code).toBe(0)
      expect(stdout).toContain(`SUCCEEDED  run ${succeeded.id}`)
      expect(stderr).toMatch(
        new RegExp(
          `^codecatalyst-runs GetWorkflowRun GET ${escapeRegExp(path)}: 200, request id none, attempt 1, \\d+ ms\n$`,
        ),
      )
      expectNoToken(token, stdout, stderr)
    }
  })

  it('--header is sent with every request; a malformed one is a usage error', async () => {
    const { url, requests } = await replayed(['SUCCEEDED'])
    const ok = await runCli(['get', ...ids, '--endpoint', url, '--header', 'X-Team: release'])
    expect(ok.code).toBe(0)
    expect(requests[0]?.headers['x-team']).toBe('release')
    expect(requests[0]?.headers['user-agent']).toMatch(
      /^codecatalyst-runs\/\d+\.\d+\.\d+ node\/\S+ app\/codecatalyst-runs-cli$/,
    )
    for (const [header, message] of [
      ['X-Team', /--header takes 'Name: value'/],
      ['Authorization: Bearer x', /headers must be/],
    ] as const) {
      const bad = await runCli(['get', ...ids, '--endpoint', url, '--header', header])
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(message)
    }
    expect(requests).toHaveLength(1)
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
