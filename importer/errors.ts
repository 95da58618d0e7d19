/**
 * The one error type the importer throws on bad input: it always names the file (and, when known, the
 * document id and field path), so the CLI can print a message an editor can act on.
 */
export class ImportError extends Error {
  readonly file: string
  readonly documentId?: string
  readonly path?: string

  constructor(file: string, message: string, details: {documentId?: string; path?: string} = {}) {
    const where = [details.documentId, details.path].filter(Boolean).join(' at ')
    super(`${file}: ${where ? `${where}: ` : ''}${message}`)
    this.name = 'ImportError'
    this.file = file
    this.documentId = details.documentId
    this.path = details.path
  }
}

/** Several problems found at once (validation), reported together rather than one per run. */
export class ImportErrors extends Error {
  readonly errors: ImportError[]

  constructor(errors: ImportError[]) {
    super(errors.map((error) => error.message).join('\n'))
    this.name = 'ImportErrors'
    this.errors = errors
  }
}
