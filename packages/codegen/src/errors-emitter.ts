// errors.gen.ts: one class per error the spec models (an error answer's `x-amzn-errortype` name),
// with its status and whether it is retryable, and the table the client's error shaping reads.
import type { SpecModel } from './spec-reader.ts'
import { docComment, header, literal } from './text.ts'

/** The text of errors.gen.ts for a spec. */
export function emitErrors(model: SpecModel): string {
  let code = `${header}\nimport { CodeCatalystServiceError } from '../errors.js'\n\n`
  for (const error of model.errors) {
    code += docComment(
      `${error.description}\n\nHTTP ${error.status}.${error.retryable ? ' Retryable.' : ''}`,
    )
    // Explicit names survive minification, which renames classes.
    code += `export class ${error.name} extends CodeCatalystServiceError {\n  override readonly name = ${literal(error.name)}\n  static readonly status = ${error.status}\n  static readonly retryable = ${error.retryable}\n}\n\n`
  }
  code += `/** Every error the spec models, by the name the service gives it. */\nexport const modelledErrors = {\n${model.errors.map((error) => `  ${error.name},`).join('\n')}\n} as const\n`
  return code
}
