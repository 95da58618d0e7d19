/**
 * Which line of the data file each entry of a view shows, for text indexes built from persisted postings
 * (`textIndex.ts`): every persisted field's index needs the same mapping, so a view works it out once per state
 * (`DocumentIndex#textIndex`; dropped on any write) and each index takes a copy it can change. At 100k articles the
 * first search builds two indexes (`searchText`, `searchTitle`): one walk over 138,058 entries instead of two.
 */
import type {IndexEntry} from './orderedIndex'
import {textPostingsOf, type TextPostings} from './textPostings'

export interface TextLines {
  /** The postings of the data file the view's first file-backed entry reads (null: none attached). */
  postings: TextPostings | null
  /** The entry showing each line, by ordinal. */
  entryAt: (IndexEntry | undefined)[]
  /** Each entry's line ordinal by its `seq`, -1 for none. */
  ordinalBySeq: Int32Array
  /** Entries on a line whose document has its own `_score`. */
  ownScores: IndexEntry[]
  /** Entries not on a line of that file (written since, drafts): tokenised by parsing. */
  others: IndexEntry[]
}

export function textLinesOf(entries: Iterable<IndexEntry>): TextLines {
  let postings: TextPostings | undefined | null
  const entryAt: (IndexEntry | undefined)[] = []
  const pairs: number[] = []
  const ownScores: IndexEntry[] = []
  const others: IndexEntry[] = []
  let maxSeq = 0
  for (const entry of entries) {
    const stored = entry.stored
    if (postings === undefined && stored.fileSource) postings = textPostingsOf(stored.fileSource) ?? null
    const ordinal = postings ? postings.ordinalOf(stored, pairs.length ? pairs[pairs.length - 1] + 1 : 0) : -1
    if (ordinal >= 0 && !entryAt[ordinal]) {
      entryAt[ordinal] = entry
      pairs.push(entry.seq, ordinal)
      if (entry.seq > maxSeq) maxSeq = entry.seq
      if (stored.hasOwnScore) ownScores.push(entry)
    } else others.push(entry)
  }
  const ordinalBySeq = new Int32Array(maxSeq + 1).fill(-1)
  for (let i = 0; i < pairs.length; i += 2) ordinalBySeq[pairs[i]] = pairs[i + 1]
  return {postings: postings ?? null, entryAt, ordinalBySeq, ownScores, others}
}

/** Whether `lines` still name the postings attached to their file (a first open's workers attach theirs later). */
export const stillAttached = (lines: TextLines): boolean => lines.postings === null || textPostingsOf(lines.postings.source) === lines.postings
