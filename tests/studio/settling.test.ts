/**
 * The real Studio, offline, in Chromium: every document action settles. After Publish, Discard changes,
 * Unpublish and Delete the scenarios wait SETTLE_MS and check what the editor is left with (the form, the
 * Publish button, the list beside it), what the dataset holds, and what `npm run query` returns. Before the
 * listener sent deletions with a `resultRev`, the Studio dropped them and the discarded draft came back.
 */
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

import {describe, expect, it} from 'vitest'

import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {ARTICLE_SLUG, SCENARIO_TIMEOUT, useEditorSuite} from './harness/editorSuite'
import {ARTICLE_ID, PROJECT_DIR} from './harness/session'
import {clickPublish, listLength, listShows, publishEnabled, runMenuAction, settle, storedPair, unpublish} from './harness/settledState'
import {field, openDocument, STUDIO_LOAD_TIMEOUT, waitForDocument} from './harness/studioPage'

if (!hasChromium) console.warn(SKIP_REASON)

const run = promisify(execFile)
const BACKDATED = '2020-03-01T08:00:00.000Z'

/** `npm run query -- articleBySlug`, as a developer runs it against the session's dataset file. */
async function queryArticle(datasetFile: string, slug: string): Promise<{title?: string; publishedAt?: string} | null> {
  const {stdout} = await run('npm', ['run', '-s', 'query', '--', 'articleBySlug', '--slug', slug, '--dataset-file', datasetFile], {cwd: PROJECT_DIR})
  return JSON.parse(stdout) as {title?: string} | null
}

describe.skipIf(!hasChromium)('offline Studio: actions settle', () => {
  const suite = useEditorSuite()

  it(
    'publishes an edit and discards the next one: both stay settled',
    async () => {
      const page = await suite.begin()
      await openDocument(page, suite.session, ARTICLE_ID)
      const {published: before} = await storedPair(suite.session, ARTICLE_ID)
      const title = 'Microsoft wins back China with health cloud (published, settled)'
      await field(page, 'title').locator('input').fill(title)
      await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc?.title === title, 'the draft with the new title')

      await clickPublish(page)
      await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc === undefined, 'the draft to be published', 60_000)
      await settle(page)
      const afterPublish = await storedPair(suite.session, ARTICLE_ID)
      expect(afterPublish.draft, 'no draft left on the server').toBeUndefined()
      expect(afterPublish.published).toMatchObject({title, publishedAt: before!.publishedAt})
      expect(await publishEnabled(page), 'Publish is disabled: nothing left to publish').toBe(false)
      expect(await field(page, 'title').locator('input').inputValue()).toBe(title)
      expect(await listShows(page, title)).toBe(true)
      await screenshot(page, 'settled-after-publish')
      expect((await queryArticle(suite.session.datasetFile, ARTICLE_SLUG))?.title).toBe(title)

      // Publishing again is not possible, and an edit after it makes a new draft the editor can discard.
      const dek = 'A dek the editor thinks better of'
      await field(page, 'dek').locator('textarea').fill(dek)
      await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc?.dek === dek, 'the draft with the dek')
      await runMenuAction(page, 'Discard changes', /^Discard changes$/)
      await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc === undefined, 'the draft to be discarded', 60_000)
      await settle(page)
      const afterDiscard = await storedPair(suite.session, ARTICLE_ID)
      expect(afterDiscard.draft, 'the draft is gone on the server').toBeUndefined()
      expect(afterDiscard.published?.dek).toBeUndefined()
      expect(await field(page, 'dek').locator('textarea').inputValue(), 'the pane no longer shows the discarded text').toBe('')
      expect(await field(page, 'title').locator('input').inputValue()).toBe(title)
      expect(await publishEnabled(page)).toBe(false)
      await screenshot(page, 'settled-after-discard')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'unpublishes, then deletes: the pane, the list and the query runner follow',
    async () => {
      const page = await suite.begin()
      await openDocument(page, suite.session, ARTICLE_ID)
      const {published} = await storedPair(suite.session, ARTICLE_ID)
      const title = published!.title as string
      expect(await listShows(page, title)).toBe(true)

      await unpublish(page)
      await waitForDocument(suite.session, ARTICLE_ID, (doc) => doc === undefined, 'the article to be unpublished', 60_000)
      await settle(page)
      const afterUnpublish = await storedPair(suite.session, ARTICLE_ID)
      expect(afterUnpublish.published, 'no published version').toBeUndefined()
      expect(afterUnpublish.draft?.title, 'the content lives on as a draft').toBe(title)
      await page.locator('[data-testid="document-header-Draft-chip"]').click()
      await field(page, 'title').locator('input').waitFor({timeout: 30_000})
      expect(await field(page, 'title').locator('input').inputValue()).toBe(title)
      expect(await publishEnabled(page), 'the draft can be published again').toBe(true)
      expect(await listShows(page, title), 'the list still shows it, as a draft').toBe(true)
      expect(await queryArticle(suite.session.datasetFile, ARTICLE_SLUG)).toBeNull()
      await screenshot(page, 'settled-after-unpublish')

      await runMenuAction(page, 'Delete', /Delete all versions/)
      await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc === undefined, 'the article to be deleted', 60_000)
      await settle(page)
      const afterDelete = await storedPair(suite.session, ARTICLE_ID)
      expect(afterDelete).toEqual({published: undefined, draft: undefined})
      expect(await listShows(page, title), 'the list no longer shows the article').toBe(false)
      // The pane either closes or stays on the deleted document; either way there is nothing to publish.
      const publish = page.locator('[data-testid="action-publish"]')
      expect((await publish.count()) === 0 || (await publish.isDisabled()), 'the deleted document has no Publish to press').toBe(true)
      await screenshot(page, 'settled-after-delete')
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'lists an unpublished article under Articles › Drafts until it is published; a backdated published date is kept',
    async () => {
      const page = await suite.begin()
      const id = 'article.bytedance-new-model'
      const title = '字节跳动 ByteDance releases a new model'
      // Written by another editor (or the importer): a draft, backdated by hand.
      await suite.session.lake.mutate([
        {
          create: {
            _id: `drafts.${id}`,
            _type: 'article',
            title,
            slug: {_type: 'slug', current: 'zijie-tiaodong-bytedance-releases-a-new-model'},
            authors: [{_type: 'reference', _key: 'a1', _ref: 'author.dao-insights-staff'}],
            publishedAt: BACKDATED,
          },
        },
      ])
      await page.goto(suite.session.url('/structure/articles;draft-articles'))
      const drafts = page.locator('[data-testid="document-list-pane"]').last()
      await drafts.getByText(title, {exact: true}).waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      // The published, unedited article is not a draft.
      expect(await listShows(page, title)).toBe(true)
      expect(await listLength(page)).toBe(1)
      await screenshot(page, 'drafts-list-with-unpublished')

      await drafts.getByText(title, {exact: true}).click()
      await field(page, 'title').locator('input').waitFor({timeout: STUDIO_LOAD_TIMEOUT})
      await clickPublish(page)
      // Publish first saves the search fields, then publishes: wait for the server, then settle.
      await waitForDocument(suite.session, `drafts.${id}`, (doc) => doc === undefined, 'the new article to be published', 90_000)
      await settle(page)
      const stored = await storedPair(suite.session, id)
      expect(stored.draft).toBeUndefined()
      expect(stored.published?.publishedAt, 'the backdated published date is kept').toBe(BACKDATED)
      expect(await listShows(page, title), 'the Drafts list no longer shows it').toBe(false)
      expect(await publishEnabled(page)).toBe(false)
      await screenshot(page, 'drafts-list-after-publish')
    },
    SCENARIO_TIMEOUT,
  )
})
