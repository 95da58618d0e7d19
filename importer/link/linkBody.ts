/**
 * The link stage for one article: every text block's mentions found against the registry and turned
 * into annotations. Returns the linked body and the entity ids it links to (which become the article's
 * related companies and regulations, and tell which manifest entities the text never names).
 */
import type {PortableTextBlock} from '@portabletext/types'

import {blockPlainText} from '../parse/textBlock'
import type {EntityRegistry} from './entityRegistry'
import {findMentions} from './findMentions'
import {linkBlock} from './linkBlock'

export interface LinkedBody {
  body: PortableTextBlock[]
  linkedIds: Set<string>
}

export function linkBody(body: PortableTextBlock[], registry: EntityRegistry): LinkedBody {
  const linkedIds = new Set<string>()
  const linked = body.map((block) => {
    if (block._type !== 'block') return block
    const mentions = findMentions(blockPlainText(block), registry)
    for (const mention of mentions) linkedIds.add(mention.targetId)
    return linkBlock(block, mentions) as PortableTextBlock
  })
  return {body: linked, linkedIds}
}
