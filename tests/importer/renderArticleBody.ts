/**
 * `@portabletext/to-html` components for the article body's mention annotations, as a front end would
 * write them: mentions become links to the entity's page, quote attributions a `<q>` naming the speaker.
 * Slugs are taken from the deterministic ids (`company.microsoft` → `/companies/microsoft`).
 */
import {escapeHTML, type PortableTextHtmlComponents} from '@portabletext/to-html'

const slugOf = (value: unknown) => String((value as {_ref?: string})?._ref ?? '').replace(/^[^.]+\./, '')

export const renderArticleBody: Partial<PortableTextHtmlComponents> = {
  marks: {
    companyMention: ({children, value}) => `<a href="/companies/${escapeHTML(slugOf(value.company))}">${children}</a>`,
    regulationMention: ({children, value}) => `<a href="/regulations/${escapeHTML(slugOf(value.regulation))}">${children}</a>`,
    sourceMention: ({children, value}) => `<a href="/sources/${escapeHTML(slugOf(value.source))}">${children}</a>`,
    quoteAttribution: ({children, value}) =>
      `<q data-speaker="/sources/${escapeHTML(slugOf(value.speaker))}" data-interview="${escapeHTML(String(value.interviewKey ?? ''))}">${children}</q>`,
  },
}
