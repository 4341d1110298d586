import { describe, expect, it } from 'vitest'
import { decodeToken, encodeToken, InvalidTokenError, inOrder, newestFirst } from './pages.ts'

const items = [0, 1, 2, 3, 4, 5, 6].map((seq) => ({ seq }))
const seqs = (page: { items: Array<{ seq: number }> }) => page.items.map((item) => item.seq)

describe('newestFirst', () => {
  it('pages from the newest down, each token continuing after the last item given', () => {
    const first = newestFirst(items, 'runs', 3, undefined)
    expect(seqs(first)).toEqual([6, 5, 4])
    const second = newestFirst(
      items,
      'runs',
      3,
      decodeToken(first.nextToken as string, 'runs').after,
    )
    expect(seqs(second)).toEqual([3, 2, 1])
    const last = newestFirst(
      items,
      'runs',
      3,
      decodeToken(second.nextToken as string, 'runs').after,
    )
    expect(last).toEqual({ items: [{ seq: 0 }] })
  })

  it('an item added after the first page changes nothing of the next ones', () => {
    const first = newestFirst(items, 'runs', 4, undefined)
    const grown = [...items, { seq: 7 }]
    const after = decodeToken(first.nextToken as string, 'runs').after
    expect(seqs(newestFirst(grown, 'runs', 4, after))).toEqual([2, 1, 0])
  })

  it('a page that ends exactly at the oldest item has no token', () => {
    expect(newestFirst(items, 'runs', 7, undefined)).not.toHaveProperty('nextToken')
    expect(newestFirst([], 'runs', 7, undefined)).toEqual({ items: [] })
  })
})

describe('inOrder', () => {
  it('pages in the list order', () => {
    const first = inOrder(['a', 'b', 'c'], 'workflows', 2)
    expect(first.items).toEqual(['a', 'b'])
    const from = decodeToken(first.nextToken as string, 'workflows').after
    expect(inOrder(['a', 'b', 'c'], 'workflows', 2, from)).toEqual({ items: ['c'] })
  })
})

describe('tokens', () => {
  it.each([
    ['not base64 JSON', 'not a token'],
    ['JSON of something else', Buffer.from('{"page":2}').toString('base64url')],
    ['a negative position', encodeToken({ list: 'runs', after: -1 })],
    ['the token of another list', encodeToken({ list: 'workflows', after: 1 })],
  ])('%s is refused', (_case, token) => {
    expect(() => decodeToken(token, 'runs')).toThrow(InvalidTokenError)
  })
})
