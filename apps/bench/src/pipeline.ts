// The pipeline's timings, each the whole command as typed: `pnpm generate`, a cold and a locally
// cached `pnpm build` in this checkout, and a fresh clone's `pnpm build` against a warm remote
// cache (a real turborepo-remote-cache on 127.0.0.1).
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  randomSecret,
  startTurboCacheServer,
  turboVariables,
} from '@codecatalyst-runs/dev-servers/turbo-cache-server'
import {
  environmentWithoutTurbo,
  freshClone,
  type locatePnpm,
  snapshotWorkTree,
} from '@codecatalyst-runs/testing/fresh-clone'

export interface PipelineTimes {
  generate: number[]
  cold: number[]
  cached: number[]
  remote: number[]
}

type LocatedPnpm = Awaited<ReturnType<typeof locatePnpm>>

/**
 * Milliseconds `pnpm <args>` takes in `cwd`. turbo sees only the TURBO_* variables given here,
 * and finds pnpm on PATH as it needs to.
 */
function timed(
  { pnpm, path }: LocatedPnpm,
  args: string[],
  cwd: string,
  variables: Record<string, string> = {},
): number {
  const started = performance.now()
  execFileSync(pnpm, args, {
    cwd,
    stdio: 'ignore',
    env: {
      ...environmentWithoutTurbo(),
      PATH: path,
      TURBO_TELEMETRY_DISABLED: '1',
      ...variables,
    },
  })
  return performance.now() - started
}

/** A fresh clone's `pnpm build`, its local cache empty, with the remote cache already filled. */
async function remoteCacheBuilds(
  root: string,
  located: LocatedPnpm,
  rounds: number,
): Promise<number[]> {
  const work = await mkdtemp(join(tmpdir(), 'codecatalyst-bench-remote-'))
  const server = await startTurboCacheServer()
  try {
    const variables = turboVariables(server, randomSecret(32))
    const origin = join(work, 'origin')
    await snapshotWorkTree(root, origin)
    // A first clone builds and uploads everything: the teammate or CI run that came before.
    const first = join(work, 'first')
    await freshClone(origin, first, located)
    timed(located, ['build'], first, variables)
    const fresh = join(work, 'fresh')
    await freshClone(origin, fresh, located, { shareInstallOf: first })
    const samples: number[] = []
    const before = server.requests().length
    for (let round = 0; round < rounds; round++) {
      // Back to a fresh clone's state before each round: no local cache, no outputs.
      execFileSync('git', ['clean', '-fdxq', '-e', 'node_modules'], { cwd: fresh })
      samples.push(timed(located, ['build'], fresh, variables))
    }
    // A task that missed would have been built and uploaded: then this row measured nothing.
    const uploads = (await server.settledRequests()).slice(before).filter((r) => r.method === 'PUT')
    if (uploads.length > 0)
      throw new Error(`The fresh clone rebuilt tasks instead of getting them from the remote cache`)
    return samples
  } finally {
    await server.stop()
    await rm(work, { recursive: true, force: true })
  }
}

export async function pipeline(
  root: string,
  located: LocatedPnpm,
  rounds = 3,
): Promise<PipelineTimes> {
  const times: PipelineTimes = { generate: [], cold: [], cached: [], remote: [] }
  for (let round = 0; round < rounds; round++) {
    times.generate.push(timed(located, ['generate'], root))
    times.cold.push(timed(located, ['build', '--force'], root))
    timed(located, ['build'], root)
    times.cached.push(timed(located, ['build'], root))
  }
  times.remote = await remoteCacheBuilds(root, located, rounds)
  return times
}
