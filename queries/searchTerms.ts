/**
 * Bilingual search terms: the one tokeniser that both the stored search field (written by
 * `schemas/search/searchTextFor.ts`) and the `$terms` a reader's input becomes are built with.
 *
 * GROQ `match` splits text on spaces and punctuation, so a run of Chinese is one token and `估值`
 * never matches `字节跳动估值降至…`. Word segmentation does not fix that on its own: the ICU
 * dictionary behind `Intl.Segmenter('zh')` knows neither 估值 nor 回购 nor 字节跳动 (it yields
 * 估|值, 回|购, 字|节|跳动), and Node and the browser ship different ICU versions. So Han text is
 * indexed as overlapping character pairs (bigrams, plus single characters), which depend on no
 * dictionary: a query word of two or more characters becomes its bigrams (`字节跳动` → `字节 节跳 跳动`),
 * all of which `match` requires. Everything that is not Han (English, numbers, kana) is split into
 * words by `Intl.Segmenter` and lowercased.
 *
 * Studio-free: part of `china-desk/queries`, so a front end can turn a search box into `$terms`.
 */

const HAN_RUN = /\p{Script=Han}+/gu
/** Characters GROQ `match` treats as separators or wildcards; a term made only of these means nothing. */
const NOTHING_TO_MATCH = /^[*\s.\-'’]*$/u

let segmenter: Intl.Segmenter | undefined
const PLAIN_WORDS = /^[A-Za-z0-9 ]*$/

/** The words `Intl.Segmenter` finds in text that has no Han characters, lowercased, punctuation dropped. */
export function wordsOf(text: string): string[] {
  // Letters and digits between spaces are one word each under Unicode word segmentation (UAX #29 joins letters
  // and digits, breaks at spaces): the same words as the segmenter's, many times faster on long English text.
  if (PLAIN_WORDS.test(text)) return text.toLowerCase().split(' ').filter(Boolean)
  segmenter ??= new Intl.Segmenter('zh', {granularity: 'word'})
  const words: string[] = []
  for (const {segment, isWordLike} of segmenter.segment(text)) {
    if (isWordLike) words.push(segment.toLowerCase())
  }
  return words
}

/** Overlapping two-character pairs of a Han run; a single character stands for itself. */
export function hanBigrams(run: string): string[] {
  const chars = Array.from(run)
  if (chars.length < 2) return chars
  return chars.slice(1).map((char, index) => chars[index] + char)
}

/** Splits text into Han runs and the (non-Han) words between them, in reading order. */
export function splitHan(text: string): {kind: 'han' | 'words'; text: string}[] {
  const normalized = text.normalize('NFKC')
  const parts: {kind: 'han' | 'words'; text: string}[] = []
  let last = 0
  for (const match of normalized.matchAll(HAN_RUN)) {
    const index = match.index ?? 0
    if (index > last) parts.push({kind: 'words', text: normalized.slice(last, index)})
    parts.push({kind: 'han', text: match[0]})
    last = index + match[0].length
  }
  if (last < normalized.length) parts.push({kind: 'words', text: normalized.slice(last)})
  return parts
}

/**
 * Turns what a reader types into the `$terms` parameter of `SEARCH_QUERY`: lowercased words,
 * Han text as bigrams, separated by spaces (every term must match). A trailing `*` on an English
 * word is kept as a prefix wildcard (`tik*`). `undefined` when the input has nothing to search for.
 *
 * @example searchTerms('字节跳动估值') // '字节 节跳 跳动 动估 估值'
 * @example searchTerms('TikTok') // 'tiktok'
 * @example searchTerms('zijie tiaodong') // 'zijie tiaodong'
 */
export function searchTerms(input: string): string | undefined {
  const terms = new Set<string>()
  for (const part of splitHan(input ?? '')) {
    if (part.kind === 'han') {
      for (const bigram of hanBigrams(part.text)) terms.add(bigram)
      continue
    }
    // The segmenter drops `*`, so wildcards are read off the raw words around each segment.
    for (const raw of part.text.split(/\s+/u)) {
      const words = wordsOf(raw)
      words.forEach((word, index) => {
        const isLast = index === words.length - 1
        terms.add(isLast && raw.endsWith('*') ? `${word}*` : word)
      })
    }
  }
  const kept = [...terms].filter((term) => !NOTHING_TO_MATCH.test(term))
  return kept.length ? kept.join(' ') : undefined
}
