/**
 * The HTML fast path (`simpleHtmlBlocks`) must give exactly what jsdom + block-tools give, keys and
 * key order included (the stored dataset is compared byte for byte), or step aside. Checked on the
 * bench's WXR paragraphs and on a seeded random corpus of paragraphs, emphasis, bold, links,
 * entities and whitespace; and every input it declines must still convert through block-tools.
 */
import {createRequire} from 'node:module'

import {htmlToBlocks} from '@portabletext/block-tools'
import {describe, expect, it} from 'vitest'

import {articleBodyPortableTextSchema} from '../../importer/parse/articleBodyType'
import {simpleHtmlBlocks} from '../../importer/parse/simpleHtmlBlocks'
import {wordpressAutop} from '../../importer/parse/wordpressAutop'

type JsdomModule = {JSDOM: new (html: string) => {window: {DOMParser: new () => DOMParser}}}
const {JSDOM} = createRequire(import.meta.url)('jsdom') as JsdomModule
const parser = new new JSDOM('').window.DOMParser()

function counter() {
  let next = 0
  return () => `k${next++}`
}
const viaBlockTools = (html: string) =>
  htmlToBlocks(html, articleBodyPortableTextSchema(), {parseHtml: (source) => parser.parseFromString(source, 'text/html'), keyGenerator: counter()})

/** A small seeded generator, so a failure names an input that can be replayed. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
}

const WORDS = ['Huawei', 'the', 'PIPL', '“cautious”', 'Data&amp;Security', 'R&amp;D', '&lt;b&gt;', '&#8217;s', '&nbsp;', '字节跳动', 'a', '3.5%', "it's", '&quot;x&quot;']
const SPACES = [' ', ' ', ' ', '  ', '\n', ' \n ', '\t']

function randomParagraph(next: () => number, depth = 0): string {
  const parts: string[] = []
  const count = 1 + Math.floor(next() * 6)
  for (let at = 0; at < count; at++) {
    const pick = next()
    if (pick < 0.55 || depth > 1) parts.push(WORDS[Math.floor(next() * WORDS.length)])
    else if (pick < 0.7) parts.push(`<em>${randomParagraph(next, depth + 1)}</em>`)
    else if (pick < 0.8) parts.push(`<strong>${randomParagraph(next, depth + 1)}</strong>`)
    else if (pick < 0.85) parts.push(`<b>${randomParagraph(next, depth + 1)}</b>`)
    else if (pick < 0.9) parts.push(`<i>${randomParagraph(next, depth + 1)}</i>`)
    else parts.push(`<a href="https://example.com/${Math.floor(next() * 9)}?a=1&amp;b=2">${randomParagraph(next, depth + 1)}</a>`)
    if (at < count - 1 || next() < 0.2) parts.push(SPACES[Math.floor(next() * SPACES.length)])
  }
  return (next() < 0.2 ? ' ' : '') + parts.join('')
}

describe('simpleHtmlBlocks', () => {
  it('equals block-tools on the bench export paragraphs', () => {
    const content = Array.from({length: 5}, (_, at) => `Huawei said <em>local partners</em> in paragraph ${at} “cautious”.`).join('\n\n')
    const html = `<body>${wordpressAutop(`${content}\n\nJoin our newsletter`)}</body>`
    const fast = simpleHtmlBlocks(html, counter())
    expect(fast).toBeDefined()
    expect(JSON.stringify(fast)).toBe(JSON.stringify(viaBlockTools(html)))
  })

  it('equals block-tools, key for key, on a random corpus, or declines it', () => {
    const next = random(13)
    let converted = 0
    for (let round = 0; round < 1500; round++) {
      const paragraphs = Array.from({length: 1 + Math.floor(next() * 4)}, () => `<p>${randomParagraph(next)}</p>`)
      const html = `<body>${paragraphs.join(next() < 0.5 ? '\n' : '')}</body>`
      const fast = simpleHtmlBlocks(html, counter())
      if (fast === undefined) continue
      converted++
      expect(JSON.stringify(fast), html).toBe(JSON.stringify(viaBlockTools(html)))
    }
    expect(converted).toBeGreaterThan(150) // about one in eight random inputs is plain enough
  })

  it('declines what it does not reproduce: other tags, attributes, unknown entities, line breaks, stega characters', () => {
    for (const html of [
      '<body><p class="x">a</p></body>',
      '<body><h2>a</h2></body>',
      '<body><p>a<br />b</p></body>',
      '<body><p>a &copy; b</p></body>',
      '<body><p>a & b</p></body>',
      '<body><p>a\u200b\u200c\u200d\ufeffb</p></body>',
      '<body>text<p>a</p></body>',
      '<body><p>a <em>b</p></body>',
      '<body><p> <em>b</em></p></body>',
    ]) {
      expect(simpleHtmlBlocks(html, counter()), html).toBeUndefined()
      expect(viaBlockTools(html).length).toBeGreaterThan(0)
    }
  })
})
