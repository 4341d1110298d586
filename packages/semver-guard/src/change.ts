import type { Bump } from './bump.ts'

/** One change between the base and the work tree, with the bump it requires. */
export interface Change {
  readonly impact: Exclude<Bump, 'none'>
  /** `spec`: the OpenAPI diff; `api`: a package's API report; `usage`: the CLI's usage report. */
  readonly source: 'spec' | 'api' | 'usage'
  /** A JSON pointer into the spec, or `<report file>: <declaration>: <line>`. */
  readonly path: string
  /** The diff rule that rated it, or the report rule (`api-line-removed`, …). */
  readonly rule: string
  /** One sentence for a person. */
  readonly message: string
  /** The published package whose API report it comes from; spec changes concern them all. */
  readonly packageName?: string
}
