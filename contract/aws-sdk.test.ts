import {
  CodeCatalystClient as AwsCodeCatalystClient,
  GetWorkflowRunCommand,
} from '@aws-sdk/client-codecatalyst'
import { describe, expect, it } from 'vitest'
import { errorResponses, responseExamples } from '../scripts/spec.ts'
import { clientPreferring, dynamicRun, exampleInput, prismUrl, token } from './harness.ts'

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
  return clientPreferring(prefer).getWorkflowRun(exampleInput)
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

  it.each(errorResponses())(
    'on the name and message of the $status error',
    async ({ status, name }) => {
      const prefer = `code=${status}`
      const [ourError, theirError] = await Promise.all([
        ours(prefer).catch((error: unknown) => error as Error),
        awsGet(prefer).catch((error: unknown) => error as Error),
      ])
      expect(ourError).toBeInstanceOf(Error)
      expect((ourError as Error).name).toBe((theirError as Error).name)
      expect((ourError as Error).name).toBe(name)
      expect((ourError as Error).message).toBe((theirError as Error).message)
    },
  )
})
