/**
 * Reading and atomically rewriting the dataset file in `sanity dataset export` format: one JSON document a line.
 * A bad line is reported with file and line number and never "repaired": the file is the user's data.
 */
import {closeSync, fsyncSync, openSync, renameSync, writeSync} from 'node:fs'
import {basename, dirname, join, relative, isAbsolute} from 'node:path'
import type {Doc} from '../types'

/** The path as a person would type it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file)
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file
}

/** What is wrong with a dataset line, without where it is (a worker thread scanning part of the file cannot know its line number). */
export class LineProblem {
  constructor(readonly text: string) {}
}

/**
 * One line of a dataset file as a document: JSON, an object, with a string `_id`; otherwise what is wrong with it,
 * saying what to do, because the file is the user's data and is never repaired for them.
 */
export function parseDocument(line: string): Doc | LineProblem {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return new LineProblem(`not valid JSON (${(error as Error).message}). Fix or remove that line.`)
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return new LineProblem(`expected a JSON object (a document), got ${JSON.stringify(value).slice(0, 40)}. Fix or remove that line.`)
  }
  const id = (value as {_id?: unknown})._id
  if (typeof id !== 'string' || !id) return new LineProblem('document has no string "_id". Add an "_id" or remove that line.')
  return value as Doc
}

/** The same, throwing an error that names the file and line. */
export function parseDocumentLine(line: string, where: string, lineNumber: number): Doc {
  const parsed = parseDocument(line)
  if (parsed instanceof LineProblem) throw new Error(`${where}:${lineNumber}: ${parsed.text}`)
  return parsed
}

/** Parses NDJSON text; `where` names the file in errors. Blank lines are allowed (exports end with one). */
export function parseDocumentLines(text: string, where: string): Doc[] {
  const docs: Doc[] = []
  let lineNumber = 0
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    lineNumber++
    const line = text.slice(start, end).trim()
    start = end + 1
    if (!line) continue
    docs.push(parseDocumentLine(line, where, lineNumber))
  }
  return docs
}

/** Writes documents to a temp file, fsyncs it, renames it over `file` and fsyncs the directory. */
export function writeDatasetFileAtomically(file: string, docs: Iterable<Doc>): void {
  writeDatasetLinesAtomically(file, Array.from(docs, (doc) => JSON.stringify(doc)))
}

/** The same with each document already serialised as one JSON line (no newline). */
export function writeDatasetLinesAtomically(file: string, lines: Iterable<string>): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  const fd = openSync(temp, 'w')
  try {
    let chunk = ''
    for (const line of lines) {
      chunk += line + '\n'
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk)
        chunk = ''
      }
    }
    if (chunk) writeSync(fd, chunk)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, file)
  fsyncDirectory(dirname(file))
}

export function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  }
}
