import { CodeCatalystConfigurationError } from './errors.js'

// setTimeout fires at once for anything longer.
const maxTimerMs = 2 ** 31 - 1

export function checkBaseUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new CodeCatalystConfigurationError(
      `baseUrl is not a URL: ${JSON.stringify(value)}.`,
      'baseUrl',
    )
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new CodeCatalystConfigurationError(
      'baseUrl must be an http(s) URL with no credentials, query or fragment.',
      'baseUrl',
    )
  }
  return url.href.replace(/\/+$/, '')
}

export function checkCount(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new CodeCatalystConfigurationError(
      `${option} must be a whole number of at least 1.`,
      option,
    )
  }
  return value
}

export function checkDuration(option: string, value: number, allowInfinity = false): number {
  const valid =
    typeof value === 'number' &&
    value > 0 &&
    (value <= maxTimerMs || (allowInfinity && value === Number.POSITIVE_INFINITY))
  if (!valid) {
    throw new CodeCatalystConfigurationError(
      `${option} must be a number of milliseconds from 1 to ${maxTimerMs}${allowInfinity ? ', or Infinity' : ''}.`,
      option,
    )
  }
  return value
}
