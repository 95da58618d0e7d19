/**
 * A fast path for the HTML most legacy posts are: paragraphs of text with emphasis, bold and links.
 * jsdom plus block-tools' XPath preprocessors cost ~4.5 ms of CPU per post (parse ≤ 200 posts/s);
 * this reads such HTML with one regular expression and builds the blocks block-tools builds, key for
 * key: the same `keyGenerator` calls in the same order (link markDefs while reading, then per block
 * its key and its spans' keys in block-tools' own `normalizeBlock`), the same whitespace rules and the
 * same object key order. Anything else (other tags, attributes, entities it does not know, whitespace
 * it would have to guess about, stega characters) returns `undefined`, and the caller uses jsdom and
 * block-tools. `tests/importer/simpleHtmlBlocks.test.ts` compares both on a generated corpus.
 */
import {normalizeBlock} from '@portabletext/block-tools'
import type {PortableTextBlock} from '@portabletext/types'

interface Span {
  _type: 'span'
  marks: string[]
  text: string
}
interface LinkDef {
  _key: string
  _type: 'link'
  href: string
}
type Mark = {decorator: string} | {link: LinkDef}

// block-tools' HTML_DECORATOR_TAGS for the decorators the article body allows
const DECORATORS: Record<string, string> = {em: 'em', i: 'em', strong: 'strong', b: 'strong'}
const PARAGRAPH = /<p>([\s\S]*?)<\/p>/y
const INLINE = /<(\/?)(em|strong|b|i|a)(?: href="([^"<>]*)")?>|([^<>]+)/y
const BETWEEN_BLOCKS = /^\s*$/
// characters block-tools strips as Sanity stega encoding, or the HTML parser rewrites
const SPECIAL = /[\u0000\r\u200B-\u200D\u2060-\u2064\uFEFF]|[\u{1D173}-\u{1D17A}]/u
const NAMED: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'}

export function simpleHtmlBlocks(html: string, keyGenerator: () => string): PortableTextBlock[] | undefined {
  const inner = /^<body>([\s\S]*)<\/body>$/.exec(html)?.[1]
  if (inner === undefined || SPECIAL.test(inner)) return undefined
  const paragraphs: string[] = []
  let at = 0
  for (;;) {
    const gapEnd = inner.indexOf('<p>', at)
    const gap = inner.slice(at, gapEnd === -1 ? inner.length : gapEnd)
    if (!BETWEEN_BLOCKS.test(gap)) return undefined
    if (gapEnd === -1) break
    PARAGRAPH.lastIndex = gapEnd
    const match = PARAGRAPH.exec(inner)
    if (!match) return undefined
    paragraphs.push(match[1])
    at = PARAGRAPH.lastIndex
  }
  const linkDefs: LinkDef[] = []
  const blocks: {_type: 'block'; markDefs: LinkDef[]; style: 'normal'; children: Span[]}[] = []
  for (const paragraph of paragraphs) {
    const children = readInline(paragraph, keyGenerator, linkDefs)
    if (!children || children.length === 0) return undefined
    blocks.push({_type: 'block', markDefs: [], style: 'normal', children: trimTextBlockWhitespace(children)})
  }
  for (const block of blocks) {
    const used = new Set(block.children.flatMap((child) => child.marks))
    block.markDefs = block.markDefs.concat(linkDefs.filter((def) => used.has(def._key)))
  }
  return blocks.map((block) => normalizeBlock(block as never, {keyGenerator}) as PortableTextBlock)
}

/** Spans of one paragraph, or undefined when it holds anything the fast path does not reproduce exactly. */
function readInline(paragraph: string, keyGenerator: () => string, linkDefs: LinkDef[]): Span[] | undefined {
  const open: {tag: string; mark: Mark}[] = []
  const spans: Span[] = []
  let previousWasText = false
  INLINE.lastIndex = 0
  while (INLINE.lastIndex < paragraph.length) {
    const start = INLINE.lastIndex
    const token = INLINE.exec(paragraph)
    if (!token || token.index !== start) return undefined
    const [, closing, tag, href, rawText] = token
    if (rawText !== undefined) {
      const text = decodeEntities(rawText)
      if (text === undefined) return undefined
      const normalised = text.replace(/\s\s+/g, ' ').replace(/[\r\n]+/g, ' ')
      // whitespace-only text: block-tools keeps or drops it by sibling context; only the plain case here
      if (normalised.trim() === '') {
        const next = paragraph.slice(INLINE.lastIndex)
        if (spans.length === 0 && open.length === 0) return undefined
        if (previousWasText || next === '' || !next.startsWith('<') || normalised !== ' ' || open.length > 0) return undefined
        spans.push({_type: 'span', marks: [], text: normalised})
      } else {
        spans.push({_type: 'span', marks: marksOf(open), text: normalised})
      }
      previousWasText = true
      continue
    }
    previousWasText = false
    if (closing) {
      if (href !== undefined || open.pop()?.tag !== tag) return undefined
      continue
    }
    if (tag === 'a') {
      if (href === undefined || href === '' || open.some((entry) => 'link' in entry.mark)) return undefined
      const decoded = decodeEntities(href)
      if (decoded === undefined) return undefined
      const link: LinkDef = {_key: keyGenerator(), _type: 'link', href: decoded}
      linkDefs.push(link)
      open.push({tag, mark: {link}})
    } else {
      const decorator = DECORATORS[tag]
      if (href !== undefined || open.some((entry) => 'decorator' in entry.mark && entry.mark.decorator === decorator)) return undefined
      open.push({tag, mark: {decorator}})
    }
  }
  return open.length === 0 ? spans : undefined
}

/** Outermost mark first: block-tools adds each enclosing mark with `unshift` on the way out. */
function marksOf(open: {mark: Mark}[]): string[] {
  return open.map(({mark}) => ('link' in mark ? mark.link._key : mark.decorator))
}

function decodeEntities(text: string): string | undefined {
  let failed = false
  const decoded = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (whole, name: string | undefined) => {
    if (!name) return ((failed = true), whole)
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      // printable ASCII and plain BMP characters only: the HTML parser remaps control and C1 codes
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff)) return String.fromCharCode(code)
      return ((failed = true), whole)
    }
    return NAMED[name] ?? ((failed = true), whole)
  })
  return failed ? undefined : decoded
}

/** block-tools' `trimTextBlockWhitespace` (lib/index.js), for blocks whose children are all spans. */
function trimTextBlockWhitespace(children: Span[]): Span[] {
  let index = 0
  // iterates the live array while splicing it, exactly as the original does
  for (const child of children) {
    const nextChild = children[index + 1] ?? null
    const prevChild = children[index - 1] ?? null
    if (index === 0) child.text = child.text.replace(/^[^\S\n]+/g, '')
    if (index === children.length - 1) child.text = child.text.replace(/[^\S\n]+$/g, '')
    if (/\s/.test(child.text.slice(Math.max(0, child.text.length - 1))) && nextChild && /\s/.test(nextChild.text.slice(0, 1))) {
      child.text = child.text.replace(/[^\S\n]+$/g, '')
    }
    if (/\s/.test(child.text.slice(0, 1)) && prevChild && /\s/.test(prevChild.text.slice(Math.max(0, prevChild.text.length - 1)))) {
      child.text = child.text.replace(/^[^\S\n]+/g, '')
    }
    if (!child.text) children.splice(index, 1)
    if (prevChild && sameMarks(prevChild.marks, child.marks) && isWhiteSpaceChar(child.text)) {
      prevChild.text += ' '
      children.splice(index, 1)
    } else if (nextChild && sameMarks(nextChild.marks, child.marks) && isWhiteSpaceChar(child.text)) {
      nextChild.text = ` ${nextChild.text}`
      children.splice(index, 1)
    }
    index++
  }
  return children
}

function sameMarks(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((mark, at) => mark === b[at])
}

function isWhiteSpaceChar(text: string): boolean {
  return text === '\u00a0' || text === ' '
}
