// Where the spec is, from this repo's layout: packages/dev-servers/src → the root's spec/.
import { fileURLToPath } from 'node:url'

export const specPath: string = fileURLToPath(
  new URL('../../../spec/codecatalyst.openapi.yaml', import.meta.url),
)
