import { describe, expect, it } from 'vitest'
import { parseSimArgs, UsageError } from './options.ts'

describe('parseSimArgs', () => {
  it.each([
    [[], {}],
    [['--step', '250ms'], { stepMs: 250 }],
    [['--step', '0.5s'], { stepMs: 500 }],
    [['--step=2s', '--rate-limit', '10'], { stepMs: 2000, rateLimit: 10 }],
    [['--rate-limit', '5', '--retry-after', '1'], { rateLimit: 5, retryAfterSeconds: 1 }],
  ])('%j → %j', (argv, options) => {
    expect(parseSimArgs(argv)).toEqual({ help: false, options })
  })

  it('--help asks for the usage', () => {
    expect(parseSimArgs(['--help'])).toEqual({ help: true })
  })

  it.each([
    [['--step', '2'], /--step takes a duration of at least 1ms such as 250ms or 2s, not "2"/],
    [['--step', '0ms'], /--step takes a duration/],
    [['--step', '1m'], /--step takes a duration/],
    [['--rate-limit', '0'], /--rate-limit takes a whole number of at least 1, not "0"/],
    [['--rate-limit', '2.5'], /--rate-limit takes a whole number/],
    [['--retry-after', '1'], /--retry-after only applies with --rate-limit/],
    [['--rate-limit', '3', '--retry-after', 'soon'], /--retry-after takes a whole number/],
    [['--port', '80'], /Unknown option '--port'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('%j is a usage error naming the problem', (argv, message) => {
    expect(() => parseSimArgs(argv)).toThrow(UsageError)
    expect(() => parseSimArgs(argv)).toThrow(message)
  })
})
