// Pages and their tokens. A token names the last item a page returned, not an offset: items
// added since (new runs come first) cannot shift a later page, so nothing is skipped or repeated.

/** What a nextToken stands for: the list it belongs to and where the next page starts. */
interface TokenContent {
  /** The list: an operation and what it was asked for (`ListWorkflowRuns:<workflowId or *>`). */
  readonly list: string
  /** The position the next page continues from. */
  readonly after: number
}

export class InvalidTokenError extends Error {}

/** An opaque token (base64url JSON): clients hand it back, they are not meant to read it. */
export function encodeToken(content: TokenContent): string {
  return Buffer.from(JSON.stringify(content)).toString('base64url')
}

/** The token's content, when it is a token of this list; an InvalidTokenError otherwise. */
export function decodeToken(token: string, list: string): TokenContent {
  let content: Partial<TokenContent> | undefined
  try {
    content = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {}
  if (
    typeof content?.list !== 'string' ||
    !Number.isInteger(content.after) ||
    (content.after as number) < 0
  ) {
    throw new InvalidTokenError('The nextToken is not valid.')
  }
  if (content.list !== list) {
    throw new InvalidTokenError('The nextToken was not issued for this request.')
  }
  return content as TokenContent
}

export interface Page<Item> {
  readonly items: Item[]
  readonly nextToken?: string
}

/**
 * A page of `items` (sorted by ascending `seq`) newest first: at most `size` items whose seq is
 * below `before` (all when undefined), with a token when older ones remain. A binary search and
 * the page itself: no scan of the whole list.
 */
export function newestFirst<Item extends { readonly seq: number }>(
  items: readonly Item[],
  list: string,
  size: number,
  before: number | undefined,
): Page<Item> {
  let end = items.length
  if (before !== undefined) {
    let low = 0
    while (low < end) {
      const middle = (low + end) >>> 1
      if ((items[middle] as Item).seq < before) low = middle + 1
      else end = middle
    }
  }
  const start = Math.max(0, end - size)
  const page = items.slice(start, end).reverse()
  const last = page.at(-1)
  return start > 0 && last
    ? { items: page, nextToken: encodeToken({ list, after: last.seq }) }
    : { items: page }
}

/** A page of a list that never changes, in its order, from index `from`. */
export function inOrder<Item>(
  items: readonly Item[],
  list: string,
  size: number,
  from = 0,
): Page<Item> {
  const end = Math.min(items.length, from + size)
  const page = items.slice(from, end)
  return end < items.length
    ? { items: page, nextToken: encodeToken({ list, after: end }) }
    : { items: page }
}
