/**
 * Slugs for a newsroom that writes titles in English, Chinese and both at once.
 *
 * Sanity's default slugify drops every Han character, so '微软重返中国市场' would become an empty
 * slug. Here Han characters are first spelled out in toneless pinyin (pinyin-pro picks the reading
 * from context: 重返 → chong fan, 银行 → yin hang), then speakingurl folds what is left to ASCII.
 * Used as `options.slugify` on every slug field (see `defineSlugField`).
 */
import {pinyin} from 'pinyin-pro'
import getSlug from 'speakingurl'

/** Same limit the Studio's slug input uses by default; URLs past this get unwieldy. */
export const SLUG_MAX_LENGTH = 96

const HAN = /\p{Script=Han}/u

/** Spells Han runs in pinyin, one syllable per word, leaving Latin text and digits in place. */
function romanizeHan(title: string): string {
  if (!HAN.test(title)) return title
  // nonZh 'consecutive' keeps "Mate 70" or "H20" together instead of splitting letter by letter
  const syllables = pinyin(title, {toneType: 'none', type: 'array', nonZh: 'consecutive'})
  return syllables.join(' ')
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
 * @example slugifyTitle('微软重返中国市场') // 'wei-ruan-chong-fan-zhong-guo-shi-chang'
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
