/**
 * The real Studio, offline, in Chromium: editing and publishing. Each scenario asserts what the editor sees and
 * what lands in the dataset file (and what `npm run query` then returns).
 */
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

import {describe, expect, it} from 'vitest'

import {LocalLake} from '../../lake'
import {runQueryByName} from '../../queries'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {ARTICLE_SLUG, SCENARIO_TIMEOUT, useEditorSuite} from './harness/editorSuite'
import {ARTICLE_ID, PROJECT_DIR} from './harness/session'
import {field, openDocument, publishAndWait, waitForDocument, waitUntil} from './harness/studioPage'

if (!hasChromium) console.warn(SKIP_REASON)

const run = promisify(execFile)

describe.skipIf(!hasChromium)('offline Studio: editing and publishing', () => {
  const suite = useEditorSuite()

  it(
    'edits the title and publishes: the published document and the query runner see the new title',
    async () => {
      const page = await suite.begin()
      const newTitle = 'Microsoft wins back China with health cloud (edited offline)'
      await openDocument(page, suite.session, ARTICLE_ID)
      await field(page, 'title').locator('input').fill(newTitle)
      await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc?.title === newTitle, 'the draft with the new title')

      await publishAndWait(page)
      await waitForDocument(suite.session, ARTICLE_ID, (doc) => doc?.title === newTitle, 'the published title')
      await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc === undefined, 'the draft to be gone')
      await screenshot(page, 'article-published')

      // A fresh store on the same file, as `npm run query` opens it.
      const reader = await LocalLake.open(suite.session.datasetFile)
      try {
        const result = (await runQueryByName(reader, 'articleBySlug', {slug: ARTICLE_SLUG})) as {title?: string} | null
        expect(result?.title).toBe(newTitle)
      } finally {
        await reader.close()
      }
      // And the command editors and developers use.
      const {stdout} = await run('npm', ['run', '-s', 'query', '--', 'articleBySlug', '--slug', ARTICLE_SLUG, '--dataset-file', suite.session.datasetFile], {
        cwd: PROJECT_DIR,
      })
      expect((JSON.parse(stdout) as {title?: string}).title).toBe(newTitle)
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'shows the validation error when the slug is cleared and blocks publishing',
    async () => {
      const page = await suite.begin()
      await openDocument(page, suite.session, ARTICLE_ID)
      const slug = field(page, 'slug')
      await slug.locator('input').fill('')
      const draft = await waitForDocument(
        suite.session,
        `drafts.${ARTICLE_ID}`,
        (doc) => doc !== undefined && !(doc.slug as {current?: string} | undefined)?.current,
        'the draft without a slug',
      )
      expect(draft?.title).toBeDefined()
      await slug.locator('[data-testid="input-validation-icon-error"]').first().waitFor({timeout: 30_000})
      const publish = page.locator('[data-testid="action-publish"]')
      await waitUntil(async () => publish.isDisabled(), 'Publish is disabled')
      await slug.locator('[data-testid="input-validation-icon-error"]').first().hover()
      await page.getByText(/required/i).first().waitFor({timeout: 10_000})
      await screenshot(page, 'slug-cleared-validation')
      const published = await suite.session.lake.getDocument(ARTICLE_ID)
      expect((published?.slug as {current: string}).current).toBe(ARTICLE_SLUG)
    },
    SCENARIO_TIMEOUT,
  )

  it(
    'shows edits from one tab in another tab on the same document',
    async () => {
      const first = await suite.begin()
      const second = await suite.editor.newPage()
      await Promise.all([openDocument(first, suite.session, ARTICLE_ID), openDocument(second, suite.session, ARTICLE_ID)])

      const dek = 'Typed in the first tab'
      await field(first, 'dek').locator('textarea').fill(dek)
      await waitUntil(async () => (await field(second, 'dek').locator('textarea').inputValue()) === dek, 'the second tab shows the dek')

      const title = 'Retitled in the second tab'
      await field(second, 'title').locator('input').fill(title)
      await waitUntil(async () => (await field(first, 'title').locator('input').inputValue()) === title, 'the first tab shows the title')

      const draft = await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc?.title === title && doc?.dek === dek, 'both edits in the draft')
      expect(draft).toMatchObject({title, dek})
      await screenshot(first, 'two-tabs-first')
      await screenshot(second, 'two-tabs-second')
    },
    SCENARIO_TIMEOUT,
  )
})
