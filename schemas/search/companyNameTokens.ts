/**
 * Every way a reader may type a company's name: the English name and aliases as words, the Chinese
 * name as Han bigrams, and its pinyin. Pinyin is stored for every span of the Chinese name, joined
 * (`字节跳动` → `zijietiaodong`, `zijie`, `tiaodong`, `zi`, `jietiao`, …), because readers split
 * pinyin where they hear words, and no dictionary agrees on where that is (ICU splits 字|节|跳动).
 */
import {pinyin} from 'pinyin-pro'

import {hanBigrams, splitHan, wordsOf} from '../../queries/searchTerms'

export interface CompanyNames {
  name?: string | null
  nameZh?: string | null
  aliases?: readonly (string | null | undefined)[] | null
}

/** Names longer than this get spans up to this many characters, plus the whole name joined. */
const MAX_SPAN = 8

/** Search tokens of free text: lowercased words, Han as bigrams and single characters. */
export function textTokens(text: string | null | undefined): string[] {
  const tokens: string[] = []
  for (const part of splitHan(text ?? '')) {
    if (part.kind === 'han') {
      // single characters too, so a one-character query (`港`) finds the text
      tokens.push(...Array.from(part.text), ...hanBigrams(part.text))
      continue
    }
    for (const word of wordsOf(part.text)) {
      tokens.push(word)
      // "Huawei’s" is found by "Huawei"
      const stem = word.replace(/['’]s$/u, '')
      if (stem !== word && stem) tokens.push(stem)
    }
  }
  return tokens
}

/** Pinyin of every span of a Han run, toneless; ü is stored both as `v` and as `u`, as keyboards type it. */
function pinyinSpans(run: string): string[] {
  const syllables = pinyin(run, {toneType: 'none', type: 'array', v: true})
  const spans: string[] = []
  for (let start = 0; start < syllables.length; start++) {
    for (let end = start + 1; end <= Math.min(syllables.length, start + MAX_SPAN); end++) {
      spans.push(syllables.slice(start, end).join(''))
    }
  }
  if (syllables.length > MAX_SPAN) spans.push(syllables.join(''))
  return spans.flatMap((span) => (span.includes('v') ? [span, span.replace(/v/g, 'u')] : [span]))
}

/** Tokens for a company's names: what the company itself and every article mentioning it are found by. */
export function companyNameTokens(company: CompanyNames): string[] {
  const names = [company.name, company.nameZh, ...(company.aliases ?? [])].filter(
    (name): name is string => typeof name === 'string' && name.trim() !== '',
  )
  // Every article mentioning a company repeats its tokens (pinyin is slow): an import computes them once per name set.
  const key = names.join('\u0000')
  const known = tokensByNames.get(key)
  if (known) return [...known]
  const tokens = tokensOfNames(names)
  if (tokensByNames.size >= TOKEN_CACHE_LIMIT) tokensByNames.clear()
  tokensByNames.set(key, tokens)
  return [...tokens]
}

const TOKEN_CACHE_LIMIT = 10_000
const tokensByNames = new Map<string, string[]>()

function tokensOfNames(names: string[]): string[] {
  const tokens: string[] = []
  for (const name of names) {
    tokens.push(...textTokens(name))
    for (const part of splitHan(name)) {
      if (part.kind === 'han') tokens.push(...pinyinSpans(part.text).map((span) => span.toLowerCase()))
    }
    // "Byte Dance" and "ByteDance" both find it; "Alibaba Group" also as "alibabagroup"
    const words = wordsOf(name)
    if (words.length > 1 && !splitHan(name).some((part) => part.kind === 'han')) tokens.push(words.join(''))
  }
  return tokens
}
