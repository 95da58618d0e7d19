/**
 * Turns mention ranges into Portable Text annotations on one block: spans are split at range edges and
 * the pieces inside a range get the annotation's mark key. Text is only ever cut, never changed, so
 * the block's joined span text is identical before and after. Existing marks (strong, em, link) stay.
 */
import type {PortableTextBlock, PortableTextMarkDefinition, PortableTextSpan} from '@portabletext/types'

import {deterministicKey} from '../assemble/deterministicKey'
import type {MentionRange} from './findMentions'

interface AnnotatedRange {
  start: number
  end: number
  markKey: string
}

export function linkBlock(block: PortableTextBlock, mentions: MentionRange[]): PortableTextBlock {
  if (block._type !== 'block' || mentions.length === 0) return block
  const blockKey = block._key ?? ''
  const markDefs: PortableTextMarkDefinition[] = [...(block.markDefs ?? [])]
  const ranges: AnnotatedRange[] = mentions.map((mention) => {
    const markDef = toMarkDef(blockKey, mention)
    markDefs.push(markDef)
    return {start: mention.start, end: mention.end, markKey: markDef._key}
  })

  const children: PortableTextSpan[] = []
  let offset = 0
  for (const child of block.children as PortableTextSpan[]) {
    if (child._type !== 'span' || typeof child.text !== 'string' || child.text === '') {
      children.push(child)
      continue
    }
    const spanStart = offset
    const spanEnd = offset + child.text.length
    offset = spanEnd
    const cuts = new Set([spanStart, spanEnd])
    for (const range of ranges) {
      if (range.start > spanStart && range.start < spanEnd) cuts.add(range.start)
      if (range.end > spanStart && range.end < spanEnd) cuts.add(range.end)
    }
    const points = [...cuts].sort((a, b) => a - b)
    for (let index = 0; index < points.length - 1; index++) {
      const [from, to] = [points[index], points[index + 1]]
      const extraMarks = ranges.filter((range) => range.start <= from && range.end >= to).map((range) => range.markKey)
      children.push({
        ...child,
        _key: deterministicKey(blockKey, 'span', children.length),
        text: child.text.slice(from - spanStart, to - spanStart),
        marks: [...(child.marks ?? []), ...extraMarks],
      })
    }
  }
  return {...block, markDefs, children}
}

function toMarkDef(blockKey: string, mention: MentionRange): PortableTextMarkDefinition {
  const _key = deterministicKey(blockKey, mention.kind, mention.targetId, mention.start)
  const ref = {_type: 'reference', _ref: mention.targetId}
  switch (mention.kind) {
    case 'company':
      return {_key, _type: 'companyMention', company: ref}
    case 'regulation':
      return {_key, _type: 'regulationMention', regulation: ref}
    case 'source':
      return {_key, _type: 'sourceMention', source: ref}
    case 'quote':
      return {_key, _type: 'quoteAttribution', speaker: ref, ...(mention.interviewKey ? {interviewKey: mention.interviewKey} : {})}
  }
}
