/**
 * Plain-text legacy articles, as the bundled one is: the title on the first line, then paragraphs
 * separated by blank lines. Paragraph text is kept character for character (trailing spaces and curly
 * quotes included); only blocks that are site boilerplate are dropped, and reported.
 */
import type {PortableTextBlock} from '@portabletext/types'

import {ImportError} from '../errors'
import type {DroppedContent, ParsedArticle} from '../types'
import {recogniseBoilerplate} from './boilerplate'
import {textBlock} from './textBlock'

const MAX_TITLE_LENGTH = 300

export function parsePlainText(text: string, file: string): ParsedArticle {
  const lines = text.split('\n')
  const title = lines[0] ?? ''
  if (title.trim() === '') {
    throw new ImportError(file, 'no title: the first line is empty. Put the title on line 1, then a blank line, then the body')
  }
  if (lines.length > 1 && lines[1].trim() !== '') {
    throw new ImportError(file, 'no title: line 1 runs on into line 2. A title is one line followed by a blank line')
  }
  if (title.length > MAX_TITLE_LENGTH) {
    throw new ImportError(file, `no title: line 1 is ${title.length} characters, a paragraph rather than a title`)
  }

  const paragraphs = splitParagraphs(lines.slice(1))
  if (paragraphs.length === 0) {
    throw new ImportError(file, 'the article has a title but no body paragraphs')
  }

  const body: PortableTextBlock[] = []
  const dropped: DroppedContent[] = []
  let newsletterCta = false
  for (const paragraph of paragraphs) {
    const boilerplate = recogniseBoilerplate(paragraph)
    if (boilerplate) {
      newsletterCta = true
      dropped.push({file, what: boilerplate.text, reason: 'site boilerplate (newsletter call to action); sets newsletterCta'})
      continue
    }
    body.push(textBlock(file.split('/').pop() ?? file, body.length, paragraph))
  }
  return {file, format: 'text', title: title.trim(), body, newsletterCta, dropped, meta: {}}
}

/** Groups lines into paragraphs at whitespace-only lines, keeping each paragraph's own characters. */
export function splitParagraphs(lines: string[]): string[] {
  const paragraphs: string[] = []
  let current: string[] = []
  for (const line of lines) {
    if (line.trim() === '') {
      if (current.length > 0) paragraphs.push(current.join('\n'))
      current = []
    } else {
      current.push(line)
    }
  }
  if (current.length > 0) paragraphs.push(current.join('\n'))
  return paragraphs
}
