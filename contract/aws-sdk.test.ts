import {
  CodeCatalystClient as AwsCodeCatalystClient,
  GetWorkflowRunCommand,
} from '@aws-sdk/client-codecatalyst'
import { createCodeCatalystClient } from '@codecatalyst-runs/client'
import { describe, expect, it } from 'vitest'
import {
  conformingFetch,
  dynamicRun,
  exampleInput,
  operation,
  prismUrl,
  resolveRef,
  responseExamples,
  token,
} from './harness.ts'

// The official SDK, pointed at the same mock. Its deserializers are generated from AWS's own
// service model, so agreeing with it shows that the spec matches the real wire format.
const aws = new AwsCodeCatalystClient({
  endpoint: prismUrl,
  token: { token },
  region: 'us-west-2',
  maxAttempts: 1,
})

async function awsGet(prefer: string) {
  const command = new GetWorkflowRunCommand(exampleInput)
  command.middlewareStack.add(
    (next) => async (args) => {
      ;(args.request as { headers: Record<string, string> }).headers.prefer = prefer
      return next(args)
    },
    { step: 'build', name: 'preferResponse' },
  )
  const { $metadata: _, ...output } = await aws.send(command)
  return output
}

function ours(prefer: string) {
  return createCodeCatalystClient({
    token,
    baseUrl: prismUrl,
    maxAttempts: 1,
    fetch: conformingFetch(prefer),
  }).getWorkflowRun(exampleInput)
}

describe('our client and @aws-sdk/client-codecatalyst agree', () => {
  it.each(responseExamples('200'))('on the %s example, field by field', async (name) => {
    const prefer = `example=${name}`
    expect(await ours(prefer)).toEqual(await awsGet(prefer))
  })

  it('on 200 seeded dynamic responses', async () => {
    const disagreements: string[] = []
    for (let seed = 1; seed <= 200; seed++) {
      const [{ run }, theirs] = await Promise.all([
        dynamicRun(seed),
        awsGet(`dynamic=true, seed=${seed}`),
      ])
      try {
        expect(run).toEqual(theirs)
      } catch (error) {
        disagreements.push(`seed ${seed}: ${(error as Error).message}`)
      }
    }
    expect(disagreements).toEqual([])
  })

  const errorStatuses = Object.keys(operation.responses).filter((status) => Number(status) >= 400)
  it.each(errorStatuses)('on the name of the %s error', async (status) => {
    const prefer = `code=${status}`
    const [ourError, theirError] = await Promise.all([
      ours(prefer).catch((error: unknown) => error as Error),
      awsGet(prefer).catch((error: unknown) => error as Error),
    ])
    expect(ourError).toBeInstanceOf(Error)
    expect((ourError as Error).name).toBe((theirError as Error).name)
    expect((ourError as Error).name).toBe(
      resolveRef(operation.responses[status]).headers['x-amzn-errortype'].example,
    )
    expect((ourError as Error).message).toBe((theirError as Error).message)
  })
})
