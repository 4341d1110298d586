import { describe, expect, it } from 'vitest'
import { applyBump, type Bump, bumpBetween, minimumBump, satisfies } from './bump.ts'
import { declaredBump } from './declared.ts'

describe('the 0.x policy', () => {
  it.each<[string, Bump, Bump]>([
    // A breaking change on 0.x ships as a minor (0.1.0 → 0.2.0), which ^0.1.0 does not accept.
    ['0.1.0', 'major', 'minor'],
    ['0.9.3', 'major', 'minor'],
    // From 1.0.0 on it is a major.
    ['1.0.0', 'major', 'major'],
    ['2.4.1', 'major', 'major'],
    // Features and fixes keep their bump on 0.x too.
    ['0.1.0', 'minor', 'minor'],
    ['0.1.0', 'patch', 'patch'],
    ['0.1.0', 'none', 'none'],
    ['1.0.0', 'minor', 'minor'],
  ])(
    'released as %s, a change that requires %s needs at least %s',
    (version, required, minimum) => {
      expect(minimumBump(required, version)).toBe(minimum)
    },
  )

  it.each<[string, Bump, Bump, boolean]>([
    ['0.1.0', 'major', 'minor', true],
    ['0.1.0', 'major', 'major', true],
    ['0.1.0', 'major', 'patch', false],
    ['0.1.0', 'major', 'none', false],
    ['1.2.0', 'major', 'minor', false],
    ['1.2.0', 'major', 'major', true],
    ['0.1.0', 'minor', 'patch', false],
    ['1.2.0', 'minor', 'minor', true],
    ['1.2.0', 'patch', 'none', false],
    ['1.2.0', 'none', 'none', true],
  ])(
    'released as %s, required %s, declared %s: satisfied %s',
    (version, required, declared, ok) => {
      expect(satisfies(required, declared, version)).toBe(ok)
    },
  )
})

describe('versions', () => {
  it('applies a bump as changeset version does, 0.x major included', () => {
    expect(applyBump('0.1.0', 'major')).toBe('1.0.0')
    expect(applyBump('0.1.0', 'minor')).toBe('0.2.0')
    expect(applyBump('0.1.3', 'patch')).toBe('0.1.4')
    expect(applyBump('1.4.2', 'none')).toBe('1.4.2')
  })

  it('names the bump between two versions by the first number that grew', () => {
    expect(bumpBetween('0.1.0', '1.0.0')).toBe('major')
    expect(bumpBetween('0.1.0', '0.2.0')).toBe('minor')
    expect(bumpBetween('0.1.0', '0.1.1')).toBe('patch')
    expect(bumpBetween('0.2.0', '0.2.0')).toBe('none')
    expect(bumpBetween('0.2.0', '0.1.5')).toBe('none')
  })

  it('rejects what is not a version', () => {
    expect(() => bumpBetween('0.1', '0.2.0')).toThrow("Not a semver version: '0.1'")
  })

  it('reads the declared bump the same before and after pnpm version-packages', () => {
    // Before: the version is the released one and a changeset says minor.
    expect(declaredBump('0.1.0', '0.1.0', 'minor')).toBe('minor')
    // After: the changeset is consumed and the version says it.
    expect(declaredBump('0.1.0', '0.2.0', 'none')).toBe('minor')
    // A new changeset on top of an unreleased bump adds to it.
    expect(declaredBump('0.1.0', '0.2.0', 'major')).toBe('major')
    expect(declaredBump('0.1.0', '0.1.0', 'none')).toBe('none')
  })
})
