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

  it('Chinese titles become toneless pinyin grouped by word, polyphones read in their word', () => {
    expect(slugifyTitle('微软重返中国市场')).toBe('weiruan-chongfan-zhongguo-shichang')
    expect(slugifyTitle('银行行长')).toBe('yinhang-hangzhang')
    // Names the segmenter's dictionary lacks (字节, 华为) still come out as one word each.
    expect(slugifyTitle('字节跳动ByteDance推出新模型')).toBe('zijie-tiaodong-bytedance-tuichu-xin-moxing')
  })

  it('mixed titles keep Latin words and digits, full-width punctuation is dropped', () => {
    expect(slugifyTitle('英伟达H20芯片出口禁令')).toBe('yingwei-da-h20-xinpian-chukou-jinling')
    expect(slugifyTitle('AI芯片：华为Mate 70发布')).toBe('ai-xinpian-huawei-mate-70-fabu')
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
    expect(longChinese.startsWith('zhonghua-renmin-gongheguo-geren-xinxi-baohu-fa')).toBe(true)
  })

  it('always matches the pattern the slug field validates', () => {
    for (const title of ['微软重返中国市场', 'AT&T — 5G in 上海', '？', 'a--b', '---', 'Ünïcode']) {
      expect(slugifyTitle(title)).toMatch(SLUG_PATTERN)
    }
  })
})
