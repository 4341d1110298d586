/**
 * At most `perSecond` requests per second for each key (a bearer token), as a token bucket:
 * a key may spend `perSecond` requests at once, and earns them back at `perSecond` a second.
 * Constant work per request; one small record per key.
 */
export function createRateLimit(perSecond: number, clock: () => number) {
  const buckets = new Map<string, { tokens: number; atMs: number }>()
  return {
    /** Takes one request from the key's allowance; false when it has none left. */
    allow(key: string): boolean {
      const now = clock()
      const bucket = buckets.get(key) ?? { tokens: perSecond, atMs: now }
      bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.atMs) / 1000) * perSecond)
      bucket.atMs = now
      buckets.set(key, bucket)
      if (bucket.tokens < 1) return false
      bucket.tokens -= 1
      return true
    },
  }
}
