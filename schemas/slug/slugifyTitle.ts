/**
 * Slugs for a newsroom that writes titles in English, Chinese and both at once.
 *
 * Sanity's default slugify drops every Han character, so '微软重返中国市场' would become an empty
 * slug. Here Chinese text is cut into words (Intl.Segmenter) and each word spelled out in toneless pinyin
 * (pinyin-pro reads polyphones in context: 重返 → chongfan, 银行 → yinhang), then speakingurl folds what is
 * left to ASCII. Used as `options.slugify` on every slug field (see `defineSlugField`); it only runs when an
 * editor presses Generate, so existing slugs never change on their own.
 */
import {pinyin} from 'pinyin-pro'
import getSlug from 'speakingurl'

/** Same limit the Studio's slug input uses by default; URLs past this get unwieldy. */
export const SLUG_MAX_LENGTH = 96

const HAN = /\p{Script=Han}/u

// The Chinese word segmenter in ICU (Node and every browser ship it): 跳动, 推出, 个人信息 are words.
const WORDS = new Intl.Segmenter('zh', {granularity: 'word'})

/**
 * Chinese words in `text`. ICU's dictionary misses many names and newer terms (字节, 芯片, 华为 come back as
 * single characters), and most Chinese words are two characters long, so runs of single-character segments are
 * paired up: 字|节|跳动 → 字节|跳动.
 */
function chineseWords(text: string): string[] {
  const words: string[] = []
  let single: string | undefined
  for (const {segment} of WORDS.segment(text)) {
    const isSingleHan = [...segment].length === 1 && HAN.test(segment)
    if (isSingleHan && single) {
      words.push(single + segment)
      single = undefined
    } else if (isSingleHan) {
      single = segment
    } else {
      if (single) words.push(single)
      single = undefined
      words.push(segment)
    }
  }
  if (single) words.push(single)
  return words
}

/**
 * Spells Han text in pinyin one word per hyphen-group (字节跳动 → "zijie tiaodong", not "zi jie tiao dong"),
 * leaving Latin text and digits in place. Each word is read as a whole, so polyphones follow their word
 * (重返 → chongfan, 银行 → yinhang).
 */
function romanizeHan(title: string): string {
  if (!HAN.test(title)) return title
  const words = chineseWords(title).map((word) =>
    // nonZh 'consecutive' keeps "Mate 70" or "H20" together instead of splitting letter by letter
    HAN.test(word) ? pinyin(word, {toneType: 'none', type: 'array', nonZh: 'consecutive'}).join('') : word,
  )
  return words.join(' ')
}

/**
 * FNV-1a: a tiny, deterministic hash that runs the same in Node and the browser (no node:crypto),
 * so a symbol-only title still gets a stable slug instead of an empty one.
 */
function shortHash(text: string): string {
  let hash = 0x811c9dc5
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

/** Cuts at the last hyphen that fits, so a slug never ends mid-word or with a dangling '-'. */
function truncateAtWord(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug
  const cut = slug.slice(0, maxLength + 1)
  const lastHyphen = cut.lastIndexOf('-')
  const trimmed = lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)
  return trimmed.replace(/-+$/, '')
}

/**
 * Turns any title into a lowercase, hyphenated ASCII slug of at most 96 characters; never empty.
 *
 * @example slugifyTitle('Microsoft claws back Chinese market') // 'microsoft-claws-back-chinese-market'
 * @example slugifyTitle('微软重返中国市场') // 'weiruan-chongfan-zhongguo-shichang'
 * @example slugifyTitle('？！') // 'untitled-…' (8 hex characters from the title)
 */
export function slugifyTitle(title: string): string {
  const source = (title ?? '').normalize('NFKC').trim()
  // apostrophes join words ("Huawei’s" → huaweis), they do not separate them
  const withoutApostrophes = source.replace(/['’‘`]/g, '')
  const folded = getSlug(romanizeHan(withoutApostrophes), {separator: '-', lang: 'en', symbols: true})
  const slug = truncateAtWord(folded.replace(/-{2,}/g, '-').replace(/^-|-$/g, ''), SLUG_MAX_LENGTH)
  return slug || `untitled-${shortHash(source)}`
}
