/**
 * The real Studio, offline, in Chromium: what an editor sees on arrival. The desk lists what the importer
 * stored; the imported article opens with its body and the company and regulation mentions as annotations.
 */
import {describe, expect, it} from 'vitest'

import type {Doc} from '../../lake'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {SCENARIO_TIMEOUT, useEditorSuite} from './harness/editorSuite'
import {ARTICLE_ID} from './harness/session'
import {field, openDocument, STUDIO_LOAD_TIMEOUT} from './harness/studioPage'

if (!hasChromium) console.warn(SKIP_REASON)

type Span = {_type: string; text?: string; marks?: string[]}
type Block = {_type: string; children?: Span[]; markDefs?: {_key: string; _type: string}[]}

/** Texts of the body spans annotated with a given mark type (from the stored document, not the UI). */
function annotatedTexts(article: Doc, markType: string): string[] {
  const texts: string[] = []
  for (const block of (article.body as Block[] | undefined) ?? []) {
    const keys = new Set((block.markDefs ?? []).filter((def) => def._type === markType).map((def) => def._key))
    for (const span of block.children ?? []) if (span.marks?.some((mark) => keys.has(mark)) && span.text) texts.push(span.text)
  }
  return texts
}

describe.skipIf(!hasChromium)('offline Studio: desk and article', () => {
  const suite = useEditorSuite()

  it(
    'lists the imported article, companies, regulations, sources and the unicorn list in the desk',
    async () => {
      const page = await suite.begin()
      const lists: [string, string, string][] = [
        ['articles;all-articles', 'article', 'title'],
        ['company', 'company', 'name'],
        ['regulation', 'regulation', 'title'],
        ['interviewSource', 'interviewSource', 'name'],
        ['unicornList', 'unicornList', 'title'],
      ]
      await page.goto(suite.session.url('/structure'))
      const desk = page.locator('[data-testid="structure-tool-list-pane"]').first()
      await desk.waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      for (const title of ['Articles', 'Companies', 'Regulations', 'Sources', 'Unicorn lists']) {
        await expect(desk.getByText(title, {exact: true}).count()).resolves.toBe(1)
      }
      for (const [path, type, titleField] of lists) {
        const titles = await suite.session.lake.fetch<string[]>(`*[_type == $type][].${titleField}`, {type}, {perspective: 'published'})
        expect(titles.length, `imported ${type} documents`).toBeGreaterThan(0)
        await page.goto(suite.session.url(`/structure/${path}`))
        const pane = page.locator('[data-testid="document-list-pane"]').last()
        // Each list shows the stored documents' titles (the first screenful is enough).
        for (const title of titles.slice(0, 5)) {
          await pane.getByText(title, {exact: true}).first().waitFor({timeout: STUDIO_LOAD_TIMEOUT})
        }
        await screenshot(page, `desk-${type}`)
      }
      // Browsing writes nothing.
      expect(await suite.session.lake.fetch('count(*[_id in path("drafts.**")])', {}, {perspective: 'raw'})).toBe(0)
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'opens the article with its body and the company and regulation mentions',
    async () => {
      const page = await suite.begin()
      const article = (await suite.session.lake.getDocument(ARTICLE_ID))!
      const companies = annotatedTexts(article, 'companyMention')
      const regulations = annotatedTexts(article, 'regulationMention')
      expect(companies.length, 'company mentions in the imported body').toBeGreaterThan(0)
      expect(regulations.length, 'regulation mentions in the imported body').toBeGreaterThan(0)

      await openDocument(page, suite.session, ARTICLE_ID)
      await expect(field(page, 'title').locator('input').inputValue()).resolves.toBe(article.title)
      const body = field(page, 'body')
      await body.scrollIntoViewIfNeeded()
      const annotations = body.locator('[data-annotation]')
      await annotations.first().waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      const shown = await annotations.allInnerTexts()
      for (const text of [companies[0], regulations[0]]) expect(shown).toContain(text)
      await body.getByText(regulations[0], {exact: true}).first().scrollIntoViewIfNeeded()
      await screenshot(page, 'article-body-mentions')
    },
    SCENARIO_TIMEOUT,
  )
})
