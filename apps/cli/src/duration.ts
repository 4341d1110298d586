const units = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const

/** `1500ms`, `5s`, `2.5m`, `1h` → milliseconds; undefined when the text is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim())
  if (!match) return undefined
  const ms = Number(match[1]) * units[match[2] as keyof typeof units]
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : undefined
}

/** 402_000 → `6m 42s`; 3_723_000 → `1h 2m 3s`; 750 → `0.8s`. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${Math.round(ms / 100) / 10}s`
  const seconds = Math.round(ms / 1000)
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return [h && `${h}h`, (h || m) && `${m}m`, `${s}s`].filter(Boolean).join(' ')
}
