/**
 * Finds where registry names occur in one block's text. Rules, chosen for readable links:
 * - case-sensitive, whole words only (letters/digits may not touch either end), longest alias first;
 *   a range claimed by a longer name (or a product) is not searched again;
 * - the FIRST mention of each entity per paragraph is linked, later repeats in the same paragraph are
 *   not: every paragraph that names an entity links it once, without a wall of links in long paragraphs;
 * - quoted remarks are found between curly (“ ”) or straight quotes; the range is the words inside.
 */
import type {EntityRegistry, MentionKind} from './entityRegistry'

export interface MentionRange {
  start: number
  end: number
  kind: Exclude<MentionKind, 'product'> | 'quote'
  targetId: string
  interviewKey?: string
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u

export function findMentions(text: string, registry: EntityRegistry): MentionRange[] {
  const claimed: {start: number; end: number}[] = []
  const firstByTarget = new Map<string, MentionRange>()
  for (const entry of registry.entries()) {
    for (let from = text.indexOf(entry.alias); from !== -1; from = text.indexOf(entry.alias, from + 1)) {
      const end = from + entry.alias.length
      if (!isWholeWord(text, from, end) || claimed.some((range) => from < range.end && end > range.start)) continue
      claimed.push({start: from, end})
      if (entry.kind === 'product' || !entry.targetId) continue
      const existing = firstByTarget.get(entry.targetId)
      if (!existing || from < existing.start) {
        firstByTarget.set(entry.targetId, {start: from, end, kind: entry.kind, targetId: entry.targetId})
      }
    }
  }
  const mentions = [...firstByTarget.values()]
  for (const quote of registry.quotes) {
    for (const [open, close] of [['“', '”'], ['"', '"']]) {
      const at = text.indexOf(`${open}${quote.text}${close}`)
      if (at === -1) continue
      const start = at + open.length
      mentions.push({start, end: start + quote.text.length, kind: 'quote', targetId: quote.speakerId, interviewKey: quote.interviewKey})
      break
    }
  }
  return mentions.sort((a, b) => a.start - b.start || a.end - b.end)
}

function isWholeWord(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text[start - 1] : ''
  const after = end < text.length ? text[end] : ''
  return !(before && WORD_CHARACTER.test(before)) && !(after && WORD_CHARACTER.test(after))
}
