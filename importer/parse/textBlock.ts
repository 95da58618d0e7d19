/**
 * Builds a plain Portable Text block for one paragraph, with keys derived from the article and position
 * so the same source always yields the same block.
 */
import type {PortableTextBlock} from '@portabletext/types'

import {deterministicKey} from '../assemble/deterministicKey'

export function textBlock(scope: string, index: number, text: string, style = 'normal'): PortableTextBlock {
  const blockKey = deterministicKey(scope, 'block', index, text)
  return {
    _type: 'block',
    _key: blockKey,
    style,
    markDefs: [],
    children: [{_type: 'span', _key: deterministicKey(blockKey, 'span', 0), text, marks: []}],
  }
}

/** The text of a block's spans, joined: what readers see, and what the linker searches. */
export function blockPlainText(block: {children?: unknown}): string {
  const children = Array.isArray(block.children) ? block.children : []
  return children.map((child: {text?: unknown}) => (typeof child.text === 'string' ? child.text : '')).join('')
}
