/**
 * The real Studio, offline, in Chromium: editing. A cleared required field shows its error and blocks Publish
 * while the published document keeps its value; two tabs on one document see each other's edits. (Publishing
 * and what the query runner then returns: settling.test.ts.) Both scenarios share one Studio and run at once,
 * each on its own copy of the imported article.
 */
import {describe, expect, it} from 'vitest'

import {publishedArticleCopy} from './harness/articleCopies'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {SCENARIO_TIMEOUT, useSharedStudio} from './harness/sharedStudio'
import {field, openDocument, waitForDocument, waitUntil} from './harness/studioPage'

if (!hasChromium) console.warn(SKIP_REASON)

describe.skipIf(!hasChromium)('offline Studio: editing', {concurrent: true}, () => {
  const studio = useSharedStudio()

  it(
    'shows the validation error when the slug is cleared and blocks publishing; Generate makes a word-grouped pinyin slug',
    async () => {
      const {session} = studio
      const article = await publishedArticleCopy(session, 'editing-slug-cleared', '字节跳动发布新模型 ByteDance releases a model')
      const page = await studio.newPage()
      await openDocument(page, session, article.id)
      const slug = field(page, 'slug')
      await slug.locator('input').fill('')
      const draft = await waitForDocument(
        session,
        `drafts.${article.id}`,
        (doc) => doc !== undefined && !(doc.slug as {current?: string} | undefined)?.current,
        'the draft without a slug',
      )
      expect(draft?.title).toBeDefined()
      await slug.locator('[data-testid="input-validation-icon-error"]').first().waitFor({timeout: 90_000})
      const publish = page.locator('[data-testid="action-publish"]')
      await waitUntil(async () => publish.isDisabled(), 'Publish is disabled')
      await slug.locator('[data-testid="input-validation-icon-error"]').first().hover()
      await page.getByText(/required/i).first().waitFor({timeout: 30_000})
      await screenshot(page, 'slug-cleared-validation')
      const published = await session.lake.getDocument(article.id)
      expect((published?.slug as {current: string}).current, 'the published slug never changes on its own').toBe(article.slug)

      // Generate: pinyin grouped by word (zijie-tiaodong-…), not one syllable per hyphen (zi-jie-tiao-dong-…).
      // (The browser segments with its own dictionary, so the middle words are not pinned here.)
      await slug.getByRole('button', {name: 'Generate'}).click()
      const wordGrouped = /^zijie-tiaodong-[a-z-]+-bytedance-releases-a-model$/
      await waitUntil(async () => wordGrouped.test(await slug.locator('input').inputValue()), 'the generated slug is word-grouped pinyin')
      await waitForDocument(session, `drafts.${article.id}`, (doc) => wordGrouped.test(String((doc?.slug as {current?: string} | undefined)?.current)), 'the generated slug in the draft')
      await waitUntil(async () => publish.isEnabled(), 'Publish is enabled again')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'shows edits from one tab in another tab on the same document',
    async () => {
      const {session} = studio
      const article = await publishedArticleCopy(session, 'editing-two-tabs', 'Microsoft health cloud (two tabs)')
      const [first, second] = await Promise.all([studio.newPage(), studio.newPage()])
      await Promise.all([openDocument(first, session, article.id), openDocument(second, session, article.id)])

      const dek = 'Typed in the first tab'
      await field(first, 'dek').locator('textarea').fill(dek)
      await waitUntil(async () => (await field(second, 'dek').locator('textarea').inputValue()) === dek, 'the second tab shows the dek')

      const title = 'Retitled in the second tab'
      await field(second, 'title').locator('input').fill(title)
      await waitUntil(async () => (await field(first, 'title').locator('input').inputValue()) === title, 'the first tab shows the title')

      const draft = await waitForDocument(session, `drafts.${article.id}`, (doc) => doc?.title === title && doc?.dek === dek, 'both edits in the draft')
      expect(draft).toMatchObject({title, dek})
      await screenshot(first, 'two-tabs-first')
      await screenshot(second, 'two-tabs-second')
    },
    SCENARIO_TIMEOUT,
  )
})
