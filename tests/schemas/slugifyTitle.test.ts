/** `slugifyTitle`: English, Chinese, mixed and symbol-only titles all give usable, non-empty slugs. */
import {describe, expect, it} from 'vitest'

import {SLUG_PATTERN} from '../../schemas/slug/defineSlugField'
import {SLUG_MAX_LENGTH, slugifyTitle} from '../../schemas/slug/slugifyTitle'

describe('slugifyTitle', () => {
  it('English titles', () => {
    expect(slugifyTitle('Microsoft claws back Chinese market')).toBe('microsoft-claws-back-chinese-market')
    expect(slugifyTitle('  Huawei’s Q3: revenue up 20%, profits down  ')).toBe('huaweis-q3-revenue-up-20-profits-down')
    expect(slugifyTitle('Ünïcode café in Straße')).toBe('uenicode-cafe-in-strasse')
  })

  it('Chinese titles become toneless pinyin, polyphones read in context', () => {
    expect(slugifyTitle('微软重返中国市场')).toBe('wei-ruan-chong-fan-zhong-guo-shi-chang')
    expect(slugifyTitle('银行行长')).toBe('yin-hang-hang-zhang')
  })

  it('mixed titles keep Latin words and digits, full-width punctuation is dropped', () => {
    expect(slugifyTitle('英伟达H20芯片出口禁令')).toBe('ying-wei-da-h20-xin-pian-chu-kou-jin-ling')
    expect(slugifyTitle('AI芯片：华为Mate 70发布')).toBe('ai-xin-pian-hua-wei-mate-70-fa-bu')
  })

  it('symbol-only and empty titles still give a stable, distinct slug', () => {
    const question = slugifyTitle('？？？')
    expect(question).toMatch(/^untitled-[0-9a-f]{8}$/)
    expect(slugifyTitle('？？？')).toBe(question)
    expect(slugifyTitle('!!!')).not.toBe(question)
    expect(slugifyTitle('')).toMatch(/^untitled-[0-9a-f]{8}$/)
    expect(slugifyTitle('🚀🚀')).toMatch(/^untitled-[0-9a-f]{8}$/)
  })

  it('caps length at 96 without cutting a word or leaving a trailing hyphen', () => {
    const slug = slugifyTitle('China semiconductor export controls '.repeat(6))
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(slug).toMatch(/[a-z0-9]$/)
    expect('china-semiconductor-export-controls-'.repeat(6).startsWith(slug + '-')).toBe(true)
    const longChinese = slugifyTitle('中华人民共和国个人信息保护法'.repeat(4))
    expect(longChinese.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(longChinese.startsWith('zhong-hua-ren-min-gong-he-guo-ge-ren-xin-xi-bao-hu-fa')).toBe(true)
  })

  it('always matches the pattern the slug field validates', () => {
    for (const title of ['微软重返中国市场', 'AT&T — 5G in 上海', '？', 'a--b', '---', 'Ünïcode']) {
      expect(slugifyTitle(title)).toMatch(SLUG_PATTERN)
    }
  })
})
