/**
 * Portable Text to plain text, for meta descriptions, feeds and search snippets. Paragraph text
 * comes from `@portabletext/toolkit`'s `toPlainText` (the reference implementation); this module
 * adds what a meta description needs: quotations as quoted text, whitespace collapsed, and a
 * length limit that cuts at a word boundary (or, in Chinese text without spaces, after
 * punctuation) instead of mid-word.
 */
import {toPlainText} from '@portabletext/toolkit'
import type {PortableTextBlock} from '@portabletext/types'

/** What a body member looks like from here: `block`s, `quotation`s and members that carry no text. */
type BodyMember = {_type: string; _key?: string; text?: unknown; children?: unknown}

export interface PlainTextOptions {
  /** Include `quotation` blocks as “text”. Default true: a pull quote is part of what the article says. */
  includeQuotations?: boolean
}

/** The text of a Portable Text array, paragraphs separated by a blank line. */
export function portableTextToPlainText(body: readonly BodyMember[] | null | undefined, options: PlainTextOptions = {}): string {
  const includeQuotations = options.includeQuotations ?? true
  const paragraphs: string[] = []
  for (const member of body ?? []) {
    if (member._type === 'block' && Array.isArray(member.children)) {
      const text = toPlainText(member as PortableTextBlock).trim()
      if (text) paragraphs.push(text)
    } else if (includeQuotations && member._type === 'quotation' && typeof member.text === 'string' && member.text.trim()) {
      paragraphs.push(`“${member.text.trim()}”`)
    }
  }
  return paragraphs.join('\n\n')
}

const CLAUSE_END = /[，。；、！？：,.;!?:]/u

/**
 * `text` on one line, at most `maxLength` characters (code points) including the ellipsis. Cuts at
 * the last space in the allowed part; without a usable space (Chinese), after the last
 * punctuation mark; failing both, at the limit.
 */
export function truncateAtWordBoundary(text: string, maxLength: number, ellipsis = '…'): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new Error(`truncateAtWordBoundary: maxLength must be a positive integer, got ${maxLength}`)
  }
  const oneLine = text.replace(/\s+/gu, ' ').trim()
  const chars = Array.from(oneLine)
  if (chars.length <= maxLength) return oneLine
  const room = Math.max(0, maxLength - Array.from(ellipsis).length)
  const head = chars.slice(0, room)
  // The cut must keep at least half the room, or a long first word would leave almost nothing.
  const floor = Math.floor(room / 2)
  let cut = room
  if (chars[room] !== ' ') {
    const lastSpace = head.lastIndexOf(' ')
    if (lastSpace >= floor) {
      cut = lastSpace
    } else {
      const lastClause = findLastIndex(head, (char) => CLAUSE_END.test(char))
      if (lastClause >= floor) cut = lastClause + 1
    }
  }
  const kept = head.slice(0, cut).join('').replace(/[\s,;:，；：、]+$/u, '')
  return kept + ellipsis
}

/**
 * A meta description for an article: the editor's SEO description if set, else the dek, else the
 * opening of the body, cut to `maxLength` (160 by default, what search engines show).
 */
export function metaDescription(
  article: {seo?: {description?: string | null} | null; dek?: string | null; body?: readonly BodyMember[] | null},
  maxLength = 160,
): string {
  const source = article.seo?.description?.trim() || article.dek?.trim() || portableTextToPlainText(article.body, {includeQuotations: false})
  return truncateAtWordBoundary(source, maxLength)
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index])) return index
  return -1
}
