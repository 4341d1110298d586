// The definitions the CLI parses with and the usage report is written from, against the help a
// person reads and the parser's behaviour: they cannot drift apart unnoticed.
import { describe, expect, it } from 'vitest'
import { type Command, parseCommand, usage } from './args.ts'
import { commands, exitCodeDefinitions, optionDefinitions } from './definition.ts'
import { exitCodes } from './failure.ts'

const env = { CODECATALYST_TOKEN: 't', CODECATALYST_SPACE: 's', CODECATALYST_PROJECT: 'p' }
const parse = (...argv: string[]) => parseCommand(argv, env)
const targetOf = (command: Command) => (command.command === 'watch' ? command.target : undefined)

describe('the definitions and the help', () => {
  it('the help names every command, flag and exit code defined', () => {
    for (const command of commands) expect(usage).toContain(`\n  ${command.name} `)
    for (const [flag, option] of Object.entries(optionDefinitions)) {
      expect(usage).toContain(`--${flag}`)
      if ('short' in option) expect(usage).toContain(`-${option.short}, --${flag}`)
    }
    const exitSection = usage.slice(usage.indexOf('Exit codes:'))
    for (const { code } of exitCodeDefinitions)
      expect(exitSection).toMatch(new RegExp(`\\b${code}\\b`))
  })

  it('the exit codes defined are the ones the CLI exits with', () => {
    expect(exitCodeDefinitions.map((exit) => exit.code).sort((a, b) => a - b)).toEqual(
      Object.values(exitCodes).sort((a, b) => a - b),
    )
  })

  it('a flag is refused by every command its definition does not list', () => {
    for (const [flag, option] of Object.entries(optionDefinitions)) {
      if (flag === 'help' || flag === 'version') continue
      for (const { name } of commands) {
        if ((option.commands as readonly string[]).includes(name)) continue
        const value = option.type === 'string' ? ['x'] : []
        expect(() => parse(name, `--${flag}`, ...value), `${name} --${flag}`).toThrow(
          `--${flag} does not apply to ${name}.`,
        )
      }
    }
  })
})

describe('watch: the runs to follow', () => {
  const a = '0c2a4f0e-7a4e-4b9f-9a57-2b0c4c6e9d11'
  const b = '7d1f9b3a-2c4e-4e8b-a0f5-6b9d2e1c8a73'
  const c = 'e5a7c9b1-3d2f-4e6a-8b0c-1d2e3f4a5b6c'

  it('ids as arguments and --id, in the order given, once each, wherever the options are', () => {
    expect(targetOf(parse('watch', a, '--id', b, c))).toEqual({ ids: [a, b, c] })
    expect(targetOf(parse('--space', 's', 'watch', b, '--id', a, b))).toEqual({ ids: [b, a] })
    expect(targetOf(parse('watch', '--id', a))).toEqual({ ids: [a] })
  })

  it('--active and --latest take --workflow and --branch', () => {
    expect(targetOf(parse('watch', '--workflow', 'build', '--branch', 'main', '--active'))).toEqual(
      { active: { nameOrId: 'build', branch: 'main' } },
    )
    expect(targetOf(parse('watch', '--workflow', 'build', '--latest'))).toEqual({
      latest: { nameOrId: 'build', branch: undefined },
    })
  })

  it('other commands take no arguments', () => {
    expect(() => parse('get', a)).toThrow(`Unexpected argument "${a}".`)
  })
})
