// Debian packages that tests install on demand (as root). apt serves one caller at a time and
// fails the others at once, so the tests that install take turns through one lock file.
import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const turnLock = join(tmpdir(), 'codecatalyst-runs-apt.lock')

/**
 * `apt-get update && apt-get install -y <name>`, after any other test's install has finished;
 * the install also waits for dpkg's own lock. Rejects with apt's stderr.
 */
export async function aptInstall(name: string): Promise<void> {
  await run(
    'flock',
    [
      '--wait',
      '600',
      turnLock,
      'sh',
      '-c',
      `apt-get update -qq && apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 ${name}`,
    ],
    { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 },
  )
}
