/**
 * Annotating words in the article body as an editor does: double-click a word, press the annotation's
 * toolbar button, fill the popover that opens (pick the mentioned document, or type the link), close it.
 * Also the article the mention scenario writes: a draft with one plain sentence holding a word for each type.
 */
import type {Locator, Page} from 'playwright-core'

import {draftArticle} from './articleCopies'
import type {StudioSession} from './session'
import {field, waitUntil} from './studioPage'

export const MENTION_ARTICLE = {
  id: 'article.mention-buttons',
  name: 'mention-buttons',
  title: 'Regulators meet the cloud providers (mention buttons)',
  sentence: 'Huawei met regulators about PIPL and Paul Triolo said the report matters.',
}

export function mentionArticleDraft(session: StudioSession) {
  return draftArticle(session, MENTION_ARTICLE.name, MENTION_ARTICLE.title, {
    body: [{_type: 'block', _key: 'p1', style: 'normal', markDefs: [], children: [{_type: 'span', _key: 's1', marks: [], text: MENTION_ARTICLE.sentence}]}],
  })
}

/**
 * The annotation's button in the body toolbar's own row. Sanity renders each button three times (the row, and two
 * hidden measuring rows marked `aria-hidden`); one that does not fit goes to the toolbar's "…" menu instead.
 */
export function toolbarButton(page: Page, annotationType: string): Locator {
  return field(page, 'body').locator(`[data-testid="pt-editor__toolbar-card"] [data-testid="action-button-${annotationType}"]:not([aria-hidden="true"])`)
}

/** The body toolbar's overflow "…" button (absent while every button fits). */
export function toolbarOverflow(page: Page): Locator {
  return field(page, 'body').locator('[data-testid="action-menu-auto-collapse-menu"] [data-testid="action-menu-button"]')
}

/**
 * Double-clicks `word` in the body, as a person selects a word, until it is the selection and stays so for a
 * second: after an annotation popover closes, the editor hands the selection back to the annotated word a moment
 * later, which can replace a selection made in between (the next button would then annotate the wrong word).
 */
export async function selectWord(page: Page, word: string): Promise<void> {
  const editable = field(page, 'body').locator('[contenteditable="true"]').first()
  const selected = async () => (await page.evaluate(() => String(document.getSelection()).trim())) === word
  await waitUntil(async () => {
    const centre = await editable.evaluate((root, target) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(target) ?? -1
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + target.length)
        const box = range.getBoundingClientRect()
        return {x: box.x + box.width / 2, y: box.y + box.height / 2}
      }
      return undefined
    }, word)
    if (!centre) throw new Error(`"${word}" is not in the body`)
    await page.mouse.dblclick(centre.x, centre.y)
    const selectedSoon = await waitUntil(selected, `"${word}" is selected`, 10_000).then(() => true, () => false)
    if (!selectedSoon) return false
    await page.waitForTimeout(1_000)
    return selected()
  }, `"${word}" is selected and stays selected`, 90_000)
}

/** The annotation popover the toolbar button opened ("Edit Company mention" …). */
export function annotationPopover(page: Page): Locator {
  return page.locator('[data-testid="popover-edit-dialog"]')
}

/** Picks the document whose preview contains `optionText` in the popover's reference input. */
export async function pickReference(page: Page, search: string, optionText: string, fieldIndex = 0): Promise<void> {
  await annotationPopover(page).getByPlaceholder('Type to search').nth(fieldIndex).fill(search)
  await page.locator('[data-testid="autocomplete-popover"] [role="option"]').filter({hasText: optionText}).first().click()
}

/** Selects `word`, presses the annotation's toolbar button, fills the popover with `fill`, and closes it. */
export async function annotateWord(page: Page, word: string, annotationType: string, fill: (popover: Locator) => Promise<void>): Promise<void> {
  await selectWord(page, word)
  await toolbarButton(page, annotationType).click()
  const popover = annotationPopover(page)
  await popover.waitFor({timeout: 90_000})
  await fill(popover)
  await popover.locator('[data-testid="close-popover-edit-dialog-button"]').click()
  await popover.waitFor({state: 'detached', timeout: 90_000})
}
