/**
 * The real Studio, offline, in Chromium: publishing an article fills its hidden search fields, so a reader's
 * Chinese search finds the new headline. Asserted on the settled dataset (after the 10–15 s the issue allows)
 * and through `npm run query`, as a front end or an editor would look.
 */
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

import {describe, expect, it} from 'vitest'

import {searchTerms} from '../../queries'
import {hasChromium, screenshot, SKIP_REASON} from './harness/browser'
import {SCENARIO_TIMEOUT, useEditorSuite} from './harness/editorSuite'
import {ARTICLE_ID, PROJECT_DIR} from './harness/session'
import {field, openDocument, waitForDocument, waitUntil} from './harness/studioPage'

if (!hasChromium) console.warn(SKIP_REASON)

const run = promisify(execFile)
const SETTLE_MS = 12_000

describe.skipIf(!hasChromium)('offline Studio: search fields on publish', () => {
  const suite = useEditorSuite()

  it(
    'publishing a new Chinese headline fills searchText and searchTitle; search finds the article by it',
    async () => {
      const page = await suite.begin()
      const newTitle = '微软借医疗云重返中国市场 Microsoft health cloud returns'
      await openDocument(page, suite.session, ARTICLE_ID)
      await field(page, 'title').locator('input').fill(newTitle)
      await waitForDocument(suite.session, `drafts.${ARTICLE_ID}`, (doc) => doc?.title === newTitle, 'the draft with the new title')
      expect(String((await suite.session.lake.getDocument(ARTICLE_ID))?.searchText ?? '')).not.toContain('医疗')

      // Click Publish and judge by the dataset, not the button's brief "Published" label: on a loaded machine
      // validation can hold the publish back for a while.
      const publish = page.locator('[data-testid="action-publish"]')
      await waitUntil(async () => publish.isEnabled(), 'Publish is enabled', 60_000)
      await publish.click()
      await waitForDocument(suite.session, ARTICLE_ID, (doc) => doc?.title === newTitle, 'the published title', 120_000)
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      await screenshot(page, 'search-fields-published')

      const published = await suite.session.lake.getDocument(ARTICLE_ID)
      expect(published?.title).toBe(newTitle)
      expect(await suite.session.lake.getDocument(`drafts.${ARTICLE_ID}`)).toBeUndefined()
      const searchText = String(published?.searchText).split(' ')
      const searchTitle = String(published?.searchTitle).split(' ')
      // the new headline's Chinese words (as bigrams), in both fields
      for (const token of ['医疗', '疗云', '重返', 'microsoft']) {
        expect(searchTitle, token).toContain(token)
        expect(searchText, token).toContain(token)
      }
      // a body word, and the pinyin of a referenced company's Chinese name (世纪互联, fetched by the action)
      expect(searchText).toContain('carrier')
      expect(searchText).toContain('shijihulian')
      expect(searchTitle).not.toContain('carrier')

      const {stdout} = await run(
        'npm',
        ['run', '-s', 'query', '--', 'search', '--terms', searchTerms('医疗云')!, '--dataset-file', suite.session.datasetFile],
        {cwd: PROJECT_DIR},
      )
      const rows = JSON.parse(stdout) as {_id: string; title?: string}[]
      expect(rows.map((row) => row._id)).toEqual([ARTICLE_ID])
      expect(rows[0].title).toBe(newTitle)
    },
    SCENARIO_TIMEOUT,
  )
})
