/**
 * Documents of a scenario's own, so the scenarios of a file can share one Studio and run at the same time: a
 * published copy of the imported article under a new id, slug and title (same body, mentions, authors and
 * section, so everything the Studio shows and validates is the real imported content), or a draft that another
 * editor (or the importer) wrote.
 */
import type {Doc} from '../../../lake'
import {ARTICLE_ID, type StudioSession} from './session'

const SYSTEM_FIELDS = new Set(['_rev', '_createdAt', '_updatedAt'])

export interface ScenarioArticle {
  id: string
  slug: string
  title: string
}

/** Publishes a copy of the imported article as `article.<name>` with the slug `<name>`. */
export async function publishedArticleCopy(session: StudioSession, name: string, title: string): Promise<ScenarioArticle> {
  const original = await session.lake.getDocument(ARTICLE_ID)
  if (!original) throw new Error(`the seeded dataset has no ${ARTICLE_ID}`)
  // The store assigns the copy its own revision and timestamps.
  const content = Object.fromEntries(Object.entries(original).filter(([key]) => !SYSTEM_FIELDS.has(key)))
  const copy = {...content, _id: `article.${name}`, _type: 'article', title, slug: {_type: 'slug', current: name}} satisfies Doc
  await session.lake.mutate([{create: copy}])
  return {id: copy._id, slug: name, title}
}

/** An unpublished article as another editor left it: only `drafts.article.<name>` exists. */
export async function draftArticle(session: StudioSession, name: string, title: string, fields: Record<string, unknown> = {}): Promise<ScenarioArticle> {
  const id = `article.${name}`
  await session.lake.mutate([
    {
      create: {
        _id: `drafts.${id}`,
        _type: 'article',
        title,
        slug: {_type: 'slug', current: name},
        authors: [{_type: 'reference', _key: 'a1', _ref: 'author.dao-insights-staff'}],
        ...fields,
      },
    },
  ])
  return {id, slug: name, title}
}
