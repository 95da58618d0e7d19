/**
 * Fills `article.updatedAt` from the store's `_updatedAt` wherever an editor never set it, so front
 * ends can show "updated" dates for legacy imports. `setIfMissing` leaves every existing value alone,
 * which also makes the migration safe to run twice.
 *
 * Content Lake: `npx sanity migration run fill-updated-at`. Local dataset: `runMigrationLocally` in `migrations/runner/` (a folder without an index, so the Sanity CLI does not list it as a migration).
 */
import {at, defineMigration, setIfMissing} from 'sanity/migrate'

export default defineMigration({
  title: 'Fill article updatedAt from _updatedAt',
  documentTypes: ['article'],
  migrate: {
    document(document) {
      if (document.updatedAt || typeof document._updatedAt !== 'string') return undefined
      return at('updatedAt', setIfMissing(document._updatedAt))
    },
  },
})
