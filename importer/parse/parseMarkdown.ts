/**
 * Markdown legacy articles with optional YAML front matter. Front matter carries what a manifest
 * would (title, date, authors, section, tags, legacy id); the Markdown becomes HTML with `marked`
 * and then Portable Text through the same path as HTML sources.
 */
import {marked} from 'marked'
import {parse as parseYaml} from 'yaml'

import {ImportError} from '../errors'
import type {ParsedArticle, SourceMeta} from '../types'
import {parseHtml} from './parseHtml'

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?/

export function parseMarkdown(text: string, file: string, options: {force?: boolean} = {}): ParsedArticle {
  let frontMatter: Record<string, unknown> = {}
  let markdown = text
  const match = FRONT_MATTER.exec(text)
  if (match) {
    try {
      frontMatter = (parseYaml(match[1]) as Record<string, unknown> | null) ?? {}
    } catch (error) {
      throw new ImportError(file, `front matter is not valid YAML: ${(error as Error).message}`)
    }
    markdown = text.slice(match[0].length)
  }
  let title = stringField(frontMatter.title)
  if (!title) {
    // A leading "# Title" line is the title when the front matter has none; it is not body text.
    const heading = /^\s*#\s+(.+)\n?/.exec(markdown)
    if (heading) {
      title = heading[1].trim()
      markdown = markdown.slice(heading[0].length)
    }
  }
  if (!title) throw new ImportError(file, 'no title: add `title:` to the front matter or start with a "# Title" line')
  const html = marked.parse(markdown, {async: false}) as string
  return parseHtml(html, file, {force: options.force, title, meta: frontMatterMeta(frontMatter), format: 'markdown'})
}

function frontMatterMeta(fields: Record<string, unknown>): SourceMeta {
  const authorNames = [fields.author, ...(Array.isArray(fields.authors) ? fields.authors : [])]
    .map(stringField)
    .filter((name): name is string => Boolean(name))
  const sectionTitle = stringField(fields.section) ?? stringField(fields.category)
  const date = fields.publishedAt ?? fields.date
  return {
    legacyId: stringField(fields.legacyId) ?? stringField(fields.id),
    slug: stringField(fields.slug),
    sourceUrl: stringField(fields.sourceUrl) ?? stringField(fields.url),
    publishedAt: date instanceof Date ? date.toISOString() : stringField(date),
    authors: authorNames.length ? authorNames.map((name) => ({key: '', name})) : undefined,
    section: sectionTitle ? {key: '', title: sectionTitle} : undefined,
    tags: Array.isArray(fields.tags) ? fields.tags.map(String) : undefined,
    dek: stringField(fields.dek) ?? stringField(fields.description),
  }
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
