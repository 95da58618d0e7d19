/**
 * `data.ndjson` of a Sanity export, one document a line, each kept with its line number so later errors (a
 * missing asset file, a validation problem) can name the line. Blank lines are allowed; anything else that is
 * not a JSON object with a string `_id` and `_type` stops the load, naming file and line.
 */
import type {Doc} from '../../lake'

export interface ExportLine {
  line: number
  doc: Doc
}

export function parseExportLines(text: string, where: string): ExportLine[] {
  const lines: ExportLine[] = []
  const seen = new Map<string, number>()
  text.split('\n').forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (!trimmed) return
    let value: unknown
    try {
      value = JSON.parse(trimmed)
    } catch (error) {
      throw new Error(`${where}:${line}: not valid JSON (${(error as Error).message}). Fix or remove that line, or export again.`)
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${where}:${line}: expected a document (a JSON object), got ${trimmed.slice(0, 40)}`)
    }
    const doc = value as Doc
    if (typeof doc._id !== 'string' || !doc._id || typeof doc._type !== 'string' || !doc._type) {
      throw new Error(`${where}:${line}: a document needs a string "_id" and "_type"`)
    }
    const earlier = seen.get(doc._id)
    if (earlier !== undefined) throw new Error(`${where}:${line}: document "${doc._id}" appears twice (first on line ${earlier})`)
    seen.set(doc._id, line)
    lines.push({line, doc})
  })
  return lines
}
