/**
 * The largest input the importer accepts per source, checked on the file size BEFORE anything is
 * parsed, so a wrong file (a 30 MB log, a database dump) fails at once with a message naming it,
 * instead of running for minutes and dying out of memory. A legacy article is a few KB to a few
 * hundred KB; the Content Lake takes at most 4 MB per request and 32 MB per document. A WordPress
 * export holds many posts and is streamed, so it may be large, but each post's content is capped
 * like a single article (`MAX_ARTICLE_BYTES`, checked while streaming).
 */
import {ImportError} from '../errors'
import type {SourceFormat} from '../types'

/** One article's text, Markdown or HTML: far above any real article, below the Content Lake's 4 MB request limit. */
export const MAX_ARTICLE_BYTES = 4 * 1024 * 1024

export const MAX_SOURCE_BYTES: Record<SourceFormat, number> = {
  text: MAX_ARTICLE_BYTES,
  markdown: MAX_ARTICLE_BYTES,
  html: MAX_ARTICLE_BYTES,
  // Streamed post by post: 1 GB is ~700,000 posts like the benchmark's.
  wxr: 1024 * 1024 * 1024,
}

export function checkSourceSize(file: string, format: SourceFormat, bytes: number): void {
  const limit = MAX_SOURCE_BYTES[format]
  if (bytes <= limit) return
  throw new ImportError(
    file,
    `the file is ${megabytes(bytes)}, over the ${megabytes(limit)} limit for a ${format} source (a legacy article is far smaller; ` +
      `the Content Lake caps a document at 32 MB). Check that this is the right file, or split it into one file per article`,
  )
}

export function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024)
  return `${value >= 10 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} MB`
}
