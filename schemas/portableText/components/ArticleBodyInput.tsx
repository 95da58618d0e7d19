/**
 * The article body's input: Sanity's own Portable Text input, with its toolbar's room shared so that every
 * annotation button (link, company, regulation and source mentions, quote attribution) shows in the toolbar
 * instead of behind its "…" overflow menu at a normal desktop width (1440 px, document beside two lists).
 *
 * Why a layout rule and not a different content model: Sanity's toolbar gives the formatting/annotation buttons
 * (`action-menu-auto-collapse-menu`) and the block insert buttons (`insert-menu-auto-collapse-menu`) equal halves
 * of the row (`flex: 1` each). Our ten icon buttons need ~300 px, but half of the toolbar beside two lists at
 * 1440 px is ~210 px. Worse, once a button overflows, the "…" button takes ~30 px of that half, so the buttons
 * only come back when the half can hold all ten *and* the "…" (~340 px). Five parts of the row to the inserts'
 * one gives ~355 px; the inserts keep their "…" menu (Image, Quotation, …), and show as buttons where the pane
 * is wider. The stored annotation types (and so the importer and every stored document) stay as they are. Each
 * half still collapses into its "…" on its own when the pane is narrower, as Sanity's toolbar does.
 */
import type {InputProps} from 'sanity'

/** The attribute scoping the rule below to this input, so other Portable Text fields keep Sanity's layout. */
const SCOPE = 'data-article-body-input'

const TOOLBAR_ROOM = `
[${SCOPE}] [data-testid="pt-editor__toolbar-card"] div:has(> [data-testid="action-menu-auto-collapse-menu"]) {
  flex: 5 1 0%;
}
[${SCOPE}] [data-testid="pt-editor__toolbar-card"] div:has(> [data-testid="insert-menu-auto-collapse-menu"]) {
  flex: 1 1 0%;
  min-width: 0;
}
`

// Typed as any input's props: Sanity types an array field's `components.input` loosely (primitive arrays too).
export function ArticleBodyInput(props: InputProps) {
  return (
    <div {...{[SCOPE]: ''}}>
      <style>{TOOLBAR_ROOM}</style>
      {props.renderDefault(props)}
    </div>
  )
}
