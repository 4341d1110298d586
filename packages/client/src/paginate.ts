import type { CodeCatalystCore } from './core.js'
import { CodeCatalystResponseError } from './errors.js'
import { checkCount } from './internal/validate-options.js'
import type { Operation } from './operation.js'

export interface PaginateOptions {
  /** Stop after this many items. Default: every item of every page. */
  maxItems?: number
  /** Aborts the pagination, including a request in flight. */
  signal?: AbortSignal
}

/**
 * Every item of every page of a paginated operation, in the service's order: each request sends
 * the token the previous page returned, until a page returns none. The options and the input
 * are checked at once, before anything is sent. A token the service returns twice would make
 * the pagination loop for ever: it ends in a CodeCatalystResponseError instead.
 */
export function paginate<Input, Output, Item>(
  core: CodeCatalystCore,
  operation: Operation<Input, Output>,
  input: Input,
  options: PaginateOptions = {},
): AsyncIterable<Item> {
  const pagination = operation.pagination
  if (pagination === undefined) throw new TypeError(`${operation.name} is not paginated.`)
  const maxItems =
    options.maxItems === undefined
      ? Number.POSITIVE_INFINITY
      : checkCount('maxItems', options.maxItems)
  operation.checkInput(input)
  const { inputToken, outputToken, items, pageSize, maxPageSize } = pagination
  // With maxItems and no page size of the caller's, ask for no more than is still wanted.
  const sized =
    Number.isFinite(maxItems) && (input as Record<string, unknown>)[pageSize] === undefined
  const withPageSize = (parameters: Input, count: number): Input =>
    sized ? { ...parameters, [pageSize]: Math.min(maxItems - count, maxPageSize) } : parameters
  const tokenOf = (value: unknown) => {
    const token = (value as Record<string, unknown>)[outputToken]
    return typeof token === 'string' && token !== '' ? token : undefined
  }

  return {
    async *[Symbol.asyncIterator]() {
      const seen = new Set<string>()
      const first = (input as Record<string, unknown>)[inputToken]
      if (typeof first === 'string') seen.add(first)
      // The check runs where the page is parsed, so that its error carries the response's details.
      const pages: Operation<Input, Output> = {
        ...operation,
        parseOutput(body, at) {
          const page = operation.parseOutput(body, at)
          const next = tokenOf(page)
          if (next !== undefined && seen.has(next)) {
            throw new CodeCatalystResponseError(
              `The service returned the ${outputToken} ${JSON.stringify(next)} a second time; following it would loop for ever.`,
              outputToken,
              at.status,
              at.requestId,
              at.attempts,
            )
          }
          if (next !== undefined) seen.add(next)
          return page
        },
      }
      let parameters = input
      let count = 0
      for (;;) {
        const page = await core.send(pages, withPageSize(parameters, count), {
          signal: options.signal,
        })
        for (const item of (page as Record<string, unknown>)[items] as Item[]) {
          if (count >= maxItems) return
          count++
          yield item
        }
        const next = tokenOf(page)
        if (next === undefined || count >= maxItems) return
        parameters = { ...input, [inputToken]: next }
      }
    },
  }
}
