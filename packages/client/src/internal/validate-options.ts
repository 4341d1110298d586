import { CodeCatalystConfigurationError } from '../errors.js'
import type { Hooks, Logger } from '../hooks.js'

// setTimeout fires at once for anything longer.
const maxTimerMs = 2 ** 31 - 1

/** The error for an unusable option: `<option> must be <what>.` */
function mustBe(option: string, what: string): CodeCatalystConfigurationError {
  return new CodeCatalystConfigurationError(`${option} must be ${what}.`, option)
}

export function checkBaseUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw mustBe('baseUrl', `a URL, not ${JSON.stringify(value)}`)
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw mustBe('baseUrl', 'an http(s) URL with no credentials, query or fragment')
  }
  return url.href.replace(/\/+$/, '')
}

export function checkCount(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw mustBe(option, 'a whole number of at least 1')
  return value
}

export function checkDuration(option: string, value: number, allowInfinity = false): number {
  const valid =
    typeof value === 'number' &&
    value > 0 &&
    (value <= maxTimerMs || (allowInfinity && value === Number.POSITIVE_INFINITY))
  if (!valid) {
    throw mustBe(
      option,
      `a number of milliseconds from 1 to ${maxTimerMs}${allowInfinity ? ', or Infinity' : ''}`,
    )
  }
  return value
}

export function checkRetryMode(value: unknown): 'standard' | 'adaptive' {
  if (value !== 'standard' && value !== 'adaptive') {
    throw mustBe('retryMode', `'standard' or 'adaptive', not ${JSON.stringify(value)}`)
  }
  return value
}

/** Whether `value` is an object whose members `names` are all functions (or absent, if allowed). */
function hasFunctions(value: unknown, names: readonly string[], optional: boolean): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    names.every((name) => {
      const member = (value as Record<string, unknown>)[name]
      return typeof member === 'function' || (optional && member === undefined)
    })
  )
}

export function checkLogger(value: unknown): Logger | undefined {
  if (value !== undefined && !hasFunctions(value, ['debug', 'info', 'warn', 'error'], false)) {
    throw mustBe('logger', 'an object with debug, info, warn and error functions, such as console')
  }
  return value as Logger | undefined
}

const hookNames = ['onRequest', 'onResponse', 'onRetry']

export function checkHooks(value: unknown): Hooks {
  if (value === undefined) return {}
  if (
    !hasFunctions(value, hookNames, true) ||
    Object.keys(value as object).some((name) => !hookNames.includes(name))
  ) {
    throw mustBe('hooks', 'an object of onRequest, onResponse and onRetry functions')
  }
  return value as Hooks
}

// An RFC 9110 token: a header name, and the user agent's app/ part.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// The client sets these itself: the token, the target, the body's framing, its own name.
const reserved = /^(authorization|host|content-length|user-agent)$/i

export function checkHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {}
  const valid =
    typeof value === 'object' &&
    value !== null &&
    Object.entries(value).every(
      ([name, text]) =>
        token.test(name) &&
        !reserved.test(name) &&
        typeof text === 'string' &&
        !/[\r\n\0]/.test(text),
    )
  if (!valid) {
    throw mustBe(
      'headers',
      'an object of header names and string values, without authorization, host, content-length or user-agent (the client sets those)',
    )
  }
  // Lower-cased so that the operation's own headers (its content type) replace, not join, them.
  return Object.fromEntries(
    Object.entries(value as Record<string, string>).map(([name, text]) => [
      name.toLowerCase(),
      text,
    ]),
  )
}

export function checkAppId(value: unknown): string | undefined {
  if (
    value !== undefined &&
    (typeof value !== 'string' || value.length > 50 || !token.test(value))
  ) {
    throw mustBe('appId', '1 to 50 characters with no spaces or separators, such as deploy-bot')
  }
  return value
}
