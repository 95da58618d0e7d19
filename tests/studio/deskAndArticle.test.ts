/**
 * The real Studio, offline, in Chromium: what an editor sees on arrival, and the body's mentions. The desk
 * lists what the importer stored; the imported article opens with its body and the company and regulation
 * mentions as annotations; every mention type is a toolbar button at 1440 px (not behind the toolbar's "…"),
 * opens its picker on a selected word, and the settled draft holds the annotation. The scenarios share one
 * Studio and run at once (the mention scenario writes only its own article).
 */
import type {Locator} from 'playwright-core'
import {describe, expect, it} from 'vitest'

import type {Doc} from '../../lake'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {annotateWord, MENTION_ARTICLE, mentionArticleDraft, pickReference, toolbarButton, toolbarOverflow} from './harness/mentions'
import {ARTICLE_ID} from './harness/session'
import {settle} from './harness/settledState'
import {SCENARIO_TIMEOUT, useSharedStudio} from './harness/sharedStudio'
import {clickDeskItem, field, openDocument, STUDIO_LOAD_TIMEOUT, waitUntil} from './harness/studioPage'

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

describe.skipIf(!hasChromium)('offline Studio: desk and article', {concurrent: true}, () => {
  const studio = useSharedStudio()

  it(
    'lists the imported article, companies, regulations, sources and the unicorn list in the desk',
    async () => {
      const page = await studio.newPage()
      const {session} = studio
      // [desk items the editor clicks, the path they lead to, document type, title field]
      const lists: [string[], string, string, string][] = [
        [['Articles', 'All articles'], 'articles;all-articles', 'article', 'title'],
        [['Companies'], 'company', 'company', 'name'],
        [['Regulations'], 'regulation', 'regulation', 'title'],
        [['Sources'], 'interviewSource', 'interviewSource', 'name'],
        [['Unicorn lists'], 'unicornList', 'unicornList', 'title'],
      ]
      await page.goto(session.url('/structure'))
      const desk = page.locator('[data-testid="structure-tool-list-pane"]').first()
      await desk.waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      for (const title of ['Articles', 'Companies', 'Regulations', 'Sources', 'Unicorn lists']) {
        await expect(desk.getByText(title, {exact: true}).count()).resolves.toBe(1)
      }
      for (const [items, path, type, titleField] of lists) {
        const titles = await session.lake.fetch<string[]>(`*[_type == $type][].${titleField}`, {type}, {perspective: 'published'})
        expect(titles.length, `imported ${type} documents`).toBeGreaterThan(0)
        // Browsed as an editor does, by clicking through the desk: one Studio load for all five lists.
        for (const item of items) await clickDeskItem(page, item)
        await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/structure/${path}`, {timeout: STUDIO_LOAD_TIMEOUT})
        const pane = page.locator('[data-testid="document-list-pane"]').last()
        // Each list shows the stored documents' titles (the first screenful is enough).
        for (const title of titles.slice(0, 5)) {
          await pane.getByText(title, {exact: true}).first().waitFor({timeout: STUDIO_LOAD_TIMEOUT})
        }
        await screenshot(page, `desk-${type}`)
      }
      // Browsing writes nothing (the mention scenario writes only its own article).
      const drafts = await session.lake.fetch<string[]>('*[_id in path("drafts.**")]._id', {}, {perspective: 'raw'})
      expect(drafts.filter((id) => id !== `drafts.${MENTION_ARTICLE.id}`)).toEqual([])
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'opens the article with its body and the company and regulation mentions',
    async () => {
      const page = await studio.newPage()
      const {session} = studio
      const article = (await session.lake.getDocument(ARTICLE_ID))!
      const companies = annotatedTexts(article, 'companyMention')
      const regulations = annotatedTexts(article, 'regulationMention')
      expect(companies.length, 'company mentions in the imported body').toBeGreaterThan(0)
      expect(regulations.length, 'regulation mentions in the imported body').toBeGreaterThan(0)

      await openDocument(page, session, ARTICLE_ID)
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

  it(
    'every mention type is a toolbar button at 1440 px: on a selected word it opens its picker, and the settled draft holds the annotation',
    async () => {
      const {session} = studio
      await mentionArticleDraft(session)
      const page = await studio.newPage()
      expect(page.viewportSize()?.width).toBe(1440)
      await openDocument(page, session, MENTION_ARTICLE.id)
      const body = field(page, 'body')
      await body.scrollIntoViewIfNeeded()
      await body.getByText(/Huawei met/).waitFor({timeout: STUDIO_LOAD_TIMEOUT})

      // [word, annotation type, popover title, how the editor fills the picker, what is stored]
      const mentions: [string, string, string, (popover: Locator) => Promise<void>, Record<string, unknown>][] = [
        ['Huawei', 'companyMention', 'Company mention', () => pickReference(page, 'Huawei', 'Huawei'), {company: {_ref: 'company.huawei'}}],
        ['PIPL', 'regulationMention', 'Regulation mention', () => pickReference(page, 'Personal', 'Personal Information Protection Law'), {regulation: {_ref: 'regulation.personal-information-protection-law'}}],
        ['Triolo', 'sourceMention', 'Source mention', () => pickReference(page, 'Triolo', 'Paul Triolo'), {source: {_ref: 'interviewSource.paul-triolo'}}],
        ['said', 'quoteAttribution', 'Quote attribution', async (popover) => {
          await pickReference(page, 'Triolo', 'Paul Triolo')
          // The interview picker lists the chosen speaker's interviews.
          const interview = popover.locator('select')
          await waitUntil(async () => (await interview.locator('option').allInnerTexts()).includes('Dao Insights'), 'the speaker’s interviews are listed')
          await interview.selectOption({label: 'Dao Insights'})
        }, {speaker: {_ref: 'interviewSource.paul-triolo'}, interviewKey: 'dao-insights-exclusive'}],
        ['report', 'link', 'Link', (popover) => popover.locator('input').first().fill('https://www.daoinsights.com/report'), {href: 'https://www.daoinsights.com/report'}],
      ]
      // Every button is in the toolbar row, inside the toolbar, and nothing overflows into its "…" menu.
      const toolbar = (await body.locator('[data-testid="pt-editor__toolbar-card"]').boundingBox())!
      for (const [, type] of mentions) {
        const button = toolbarButton(page, type)
        expect(await button.isVisible(), `${type} is a visible toolbar button`).toBe(true)
        const box = (await button.boundingBox())!
        expect(box.x >= toolbar.x && box.x + box.width <= toolbar.x + toolbar.width, `${type} lies inside the toolbar`).toBe(true)
      }
      expect(await toolbarOverflow(page).count(), 'the toolbar has no "…" overflow').toBe(0)
      await screenshot(page, 'mention-buttons-toolbar')

      for (const [word, type, title, fill] of mentions) {
        await annotateWord(page, word, type, async (popover) => {
          await popover.getByText(`Edit ${title}`).waitFor({timeout: 30_000})
          await fill(popover)
        })
      }
      // The annotated company names the entity in its popover, as the pencil dialog does.
      // Closing the last dialog hands the selection back to "report" a moment later, which can undo a click made
      // in between; the editor then clicks again, as a person would.
      const label = page.locator('[data-testid="annotation-toolbar-popover"]').getByText('Huawei · 华为')
      await waitUntil(async () => {
        if (await label.isVisible()) return true
        await body.getByText('Huawei', {exact: true}).click()
        return label.waitFor({timeout: 15_000}).then(() => true, () => false)
      }, 'the Huawei mention popover names the entity', 90_000)
      await screenshot(page, 'mention-popover-names-entity')

      await settle(page)
      const draft = (await session.lake.getDocument(`drafts.${MENTION_ARTICLE.id}`)) as Doc & {body: Block[]}
      const [block] = draft.body
      for (const [word, type, , , stored] of mentions) {
        const span = block.children!.find((child) => child.text === word)
        expect(span, `"${word}" is its own span`).toBeDefined()
        const markDef = block.markDefs!.find((def) => span!.marks?.includes(def._key) && def._type === type)
        expect(markDef, `"${word}" carries a ${type}`).toMatchObject(stored)
      }
      expect(block.children!.map((child) => child.text).join('')).toBe(MENTION_ARTICLE.sentence)
    },
    SCENARIO_TIMEOUT,
  )
})
