/**
 * The real Studio, offline, in Chromium: every document action settles. After Publish, Discard changes,
 * Unpublish and Delete the scenarios wait SETTLE_MS and check what the editor is left with (the form, the
 * status chips' colours, the Publish button, the list beside it), what the dataset holds, and what
 * `npm run query` returns. Before the listener sent deletions with a `resultRev`, the Studio dropped them and
 * the discarded draft came back. The three scenarios share one Studio and run at once, each on its own article,
 * so their settle waits overlap.
 */
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

import {describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {runQueryByName, searchTerms} from '../../queries'
import {draftArticle, publishedArticleCopy} from './harness/articleCopies'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {ARTICLE_ID, PROJECT_DIR} from './harness/session'
import {clickPublish, listShows, publishEnabled, runMenuAction, settle, storedPair, unpublish} from './harness/settledState'
import {SCENARIO_TIMEOUT, useSharedStudio} from './harness/sharedStudio'
import {DRAFT_ONLY, PUBLISHED_NO_DRAFT, statusChips} from './harness/statusChips'
import {field, openDocument, STUDIO_LOAD_TIMEOUT, waitForDocument, waitUntil} from './harness/studioPage'

if (!hasChromium) console.warn(SKIP_REASON)

const run = promisify(execFile)
const BACKDATED = '2020-03-01T08:00:00.000Z'

/** `npm run query -- articleBySlug`, as a developer runs it against the session's dataset file. */
async function queryArticle(datasetFile: string, slug: string): Promise<{title?: string} | null> {
  const {stdout} = await run('npm', ['run', '-s', 'query', '--', 'articleBySlug', '--slug', slug, '--dataset-file', datasetFile], {cwd: PROJECT_DIR})
  return JSON.parse(stdout) as {title?: string} | null
}

/** The list beside the pane fills in after the form; wait for it rather than read it half-loaded. */
async function waitForListed(page: Parameters<typeof listShows>[0], title: string): Promise<void> {
  await waitUntil(() => listShows(page, title), `the list shows "${title}"`, STUDIO_LOAD_TIMEOUT)
}

describe.skipIf(!hasChromium)('offline Studio: actions settle', {concurrent: true}, () => {
  const studio = useSharedStudio()

  it(
    'publishes an edit (a Chinese headline) and discards the next one: both stay settled; search and npm run query see it',
    async () => {
      const {session} = studio
      const article = await publishedArticleCopy(session, 'settling-publish-discard', 'Microsoft health cloud (settling copy)')
      const page = await studio.newPage()
      await openDocument(page, session, article.id)
      await waitForListed(page, article.title)
      const {published: before} = await storedPair(session, article.id)
      expect(String(before?.searchText ?? '')).not.toContain('医疗')

      const title = '微软借医疗云重返中国市场 Microsoft health cloud returns'
      await field(page, 'title').locator('input').fill(title)
      await waitForDocument(session, `drafts.${article.id}`, (doc) => doc?.title === title, 'the draft with the new title')
      await waitUntil(async () => (await statusChips(page)).draft?.tone === 'caution', 'the Draft chip turns yellow while there is a draft')

      await clickPublish(page)
      await waitForDocument(session, `drafts.${article.id}`, (doc) => doc === undefined, 'the draft to be published', 90_000)
      await settle(page)
      const afterPublish = await storedPair(session, article.id)
      expect(afterPublish.draft, 'no draft left on the server').toBeUndefined()
      expect(afterPublish.published).toMatchObject({title, publishedAt: before!.publishedAt})
      expect(await statusChips(page), 'chips after Publish').toMatchObject(PUBLISHED_NO_DRAFT)
      expect(await publishEnabled(page), 'Publish is disabled: nothing left to publish').toBe(false)
      expect(await field(page, 'title').locator('input').inputValue()).toBe(title)
      expect(await listShows(page, title)).toBe(true)
      await screenshot(page, 'settled-after-publish')

      // The Publish wrapper filled the search fields: the new headline's Chinese words (as character pairs), a
      // body word, and the pinyin of a mentioned company's Chinese name (世纪互联, fetched by the action).
      const searchText = String(afterPublish.published?.searchText).split(' ')
      const searchTitle = String(afterPublish.published?.searchTitle).split(' ')
      for (const token of ['医疗', '疗云', '重返', 'microsoft']) {
        expect(searchTitle, token).toContain(token)
        expect(searchText, token).toContain(token)
      }
      expect(searchText).toEqual(expect.arrayContaining(['carrier', 'shijihulian']))
      expect(searchTitle).not.toContain('carrier')
      // What a front end reads from the file: the query runner, and a reader's Chinese search.
      expect((await queryArticle(session.datasetFile, article.slug))?.title).toBe(title)
      const reader = await LocalLake.open(session.datasetFile)
      try {
        const rows = (await runQueryByName(reader, 'search', {terms: searchTerms('医疗云')!})) as {_id: string; title?: string}[]
        expect(rows.map((row) => [row._id, row.title])).toEqual([[article.id, title]])
      } finally {
        await reader.close()
      }

      // An edit after it makes a new draft the editor can discard.
      const dek = 'A dek the editor thinks better of'
      await field(page, 'dek').locator('textarea').fill(dek)
      await waitForDocument(session, `drafts.${article.id}`, (doc) => doc?.dek === dek, 'the draft with the dek')
      await runMenuAction(page, 'Discard changes', /^Discard changes$/)
      await waitForDocument(session, `drafts.${article.id}`, (doc) => doc === undefined, 'the draft to be discarded', 60_000)
      await settle(page)
      const afterDiscard = await storedPair(session, article.id)
      expect(afterDiscard.draft, 'the draft is gone on the server').toBeUndefined()
      expect(afterDiscard.published?.dek).toBeUndefined()
      expect(await field(page, 'dek').locator('textarea').inputValue(), 'the pane no longer shows the discarded text').toBe('')
      expect(await field(page, 'title').locator('input').inputValue()).toBe(title)
      expect(await statusChips(page), 'chips after Discard changes').toMatchObject(PUBLISHED_NO_DRAFT)
      expect(await publishEnabled(page)).toBe(false)
      await screenshot(page, 'settled-after-discard')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'unpublishes, then deletes: the pane, the chips, the list and the query runner follow',
    async () => {
      const {session} = studio
      const article = await publishedArticleCopy(session, 'settling-unpublish-delete', 'Microsoft health cloud (to unpublish and delete)')
      const page = await studio.newPage()
      await openDocument(page, session, article.id)
      await waitForListed(page, article.title)

      await unpublish(page)
      await waitForDocument(session, article.id, (doc) => doc === undefined, 'the article to be unpublished', 60_000)
      await settle(page)
      const afterUnpublish = await storedPair(session, article.id)
      expect(afterUnpublish.published, 'no published version').toBeUndefined()
      expect(afterUnpublish.draft?.title, 'the content lives on as a draft').toBe(article.title)
      await page.locator('[data-testid="document-header-Draft-chip"]').click()
      await field(page, 'title').locator('input').waitFor({timeout: 90_000})
      expect(await field(page, 'title').locator('input').inputValue()).toBe(article.title)
      expect(await statusChips(page), 'chips after Unpublish').toMatchObject(DRAFT_ONLY)
      expect(await publishEnabled(page), 'the draft can be published again').toBe(true)
      expect(await listShows(page, article.title), 'the list still shows it, as a draft').toBe(true)
      expect(await queryArticle(session.datasetFile, article.slug)).toBeNull()
      await screenshot(page, 'settled-after-unpublish')

      await runMenuAction(page, 'Delete', /Delete all versions/)
      await waitForDocument(session, `drafts.${article.id}`, (doc) => doc === undefined, 'the article to be deleted', 60_000)
      await settle(page)
      expect(await storedPair(session, article.id)).toEqual({published: undefined, draft: undefined})
      expect(await listShows(page, article.title), 'the list no longer shows the article').toBe(false)
      // The pane either closes or stays on the deleted document; either way nothing is published, no draft
      // shows yellow, and there is nothing to publish.
      const chips = await statusChips(page)
      expect(chips.published?.enabled ?? false, 'the Published chip is off').toBe(false)
      expect(chips.draft?.tone ?? 'neutral', 'the Draft chip is not yellow').toBe('neutral')
      const publish = page.locator('[data-testid="action-publish"]')
      expect((await publish.count()) === 0 || (await publish.isDisabled()), 'the deleted document has no Publish to press').toBe(true)
      await screenshot(page, 'settled-after-delete')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'lists unpublished articles under Articles › Drafts until published; Publish fills a missing published date and keeps a backdated one',
    async () => {
      const {session} = studio
      // Written by another editor (or the importer): one draft backdated by hand, one without a published date.
      const backdated = await draftArticle(session, 'zijie-tiaodong-bytedance-releases-a-new-model', '字节跳动 ByteDance releases a new model', {
        publishedAt: BACKDATED,
      })
      const undated = await draftArticle(session, 'huawei-opens-a-cloud-region', 'Huawei opens a cloud region in Riyadh')
      const bundledTitle = (await session.lake.getDocument(ARTICLE_ID))!.title as string
      const page = await studio.newPage()
      await page.goto(session.url('/structure/articles;draft-articles'))
      const drafts = page.locator('[data-testid="document-list-pane"]').last()
      for (const article of [backdated, undated]) await drafts.getByText(article.title, {exact: true}).waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      // The published, unedited article is not a draft (the other scenarios' drafts may come and go here).
      expect(await listShows(page, bundledTitle)).toBe(false)
      await screenshot(page, 'drafts-list-with-unpublished')

      // Publish both, one after the other, then settle once.
      const publishStarted = new Date().toISOString()
      for (const article of [backdated, undated]) {
        await drafts.getByText(article.title, {exact: true}).click()
        await waitUntil(async () => (await field(page, 'title').locator('input').inputValue()) === article.title, `the pane shows ${article.title}`, STUDIO_LOAD_TIMEOUT)
        await waitUntil(async () => (await statusChips(page)).draft?.tone === 'caution', 'the Draft chip shows the draft')
        expect(await statusChips(page), 'chips of a never-published article').toMatchObject(DRAFT_ONLY)
        await clickPublish(page)
        // Publish first saves the search fields (and the published date), then publishes: wait for the server.
        await waitForDocument(session, `drafts.${article.id}`, (doc) => doc === undefined, `${article.title} to be published`, 90_000)
      }
      const publishEnded = new Date().toISOString()
      await settle(page)
      for (const article of [backdated, undated]) {
        expect(await storedPair(session, article.id), article.title).toMatchObject({draft: undefined, published: {title: article.title}})
        expect(await listShows(page, article.title), `the Drafts list no longer shows ${article.title}`).toBe(false)
      }
      expect((await session.lake.getDocument(backdated.id))?.publishedAt, 'the backdated published date is kept').toBe(BACKDATED)
      const filled = String((await session.lake.getDocument(undated.id))?.publishedAt)
      expect(filled >= publishStarted && filled <= publishEnded, `the missing published date is the publish time (${filled})`).toBe(true)
      expect(await statusChips(page), 'chips after publishing the new article').toMatchObject(PUBLISHED_NO_DRAFT)
      expect(await publishEnabled(page)).toBe(false)
      await screenshot(page, 'drafts-list-after-publish')
    },
    SCENARIO_TIMEOUT,
  )
})
