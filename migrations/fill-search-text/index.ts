/**
 * Fills the hidden search fields (`searchText`, `searchTitle`) of every article and company from
 * their content, for documents written before search existed or edited outside the Studio's Publish
 * (which keeps them current from then on). Articles also get the names of the companies they
 * reference, read once per run. Only fields that differ are set, so a second run changes nothing.
 *
 * Content Lake: `npx sanity migration run fill-search-text`. Local dataset: `runMigrationLocally` in
 * `migrations/runner/`.
 */
import {at, defineMigration, patch, set, unset, type MigrationContext} from 'sanity/migrate'

import {SEARCH_TEXT_FIELD, SEARCH_TITLE_FIELD} from '../../schemas/search/searchFields'
import {SEARCHABLE_TYPES, searchFieldsFor, type CompanyNames} from '../../schemas/search/searchTextFor'

const PUBLISHED_COMPANY_NAMES = `*[_type == "company" && !(_id in path("drafts.**")) && !(_id in path("versions.**"))]{_id, name, nameZh, aliases}`

/** Every published company's names, read once per run (companies number in the thousands at most). */
async function companyNames(context: MigrationContext): Promise<Map<string, CompanyNames>> {
  const rows = await context.client.fetch<(CompanyNames & {_id: string})[]>(PUBLISHED_COMPANY_NAMES)
  return new Map(rows.map((row) => [row._id, row]))
}

export default defineMigration({
  title: 'Fill the search fields of articles and companies',
  documentTypes: [...SEARCHABLE_TYPES],
  // The async-iterable form, so the company names are read once before the first article.
  async *migrate(documents, context) {
    const names = await companyNames(context)
    for await (const document of documents()) {
      const fields = searchFieldsFor(document, {companyNames: (id) => names.get(id)})
      const changes = ([SEARCH_TEXT_FIELD, SEARCH_TITLE_FIELD] as const).flatMap((name) => {
        const value = fields[name]
        if (value === document[name]) return []
        return [value === undefined ? at(name, unset()) : at(name, set(value))]
      })
      if (changes.length) yield patch(document._id, changes, {ifRevision: document._rev})
    }
  },
})
