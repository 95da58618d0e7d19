/**
 * Runs a migration on a local dataset file from start to finish: opens the lake, runs the migration as one
 * transaction, and always closes the lake, which folds the transaction log into the NDJSON file, so when the
 * command is done the file alone holds the migrated dataset (what `sanity dataset import` would take).
 */
import type {Migration} from 'sanity/migrate'

import {LocalLake} from '../../lake'
import {runMigrationLocally, type LocalMigrationResult} from './runMigrationLocally'

export async function runMigrationOnDatasetFile(
  migration: Migration,
  datasetFile: string,
  options: {dryRun?: boolean} = {},
): Promise<LocalMigrationResult> {
  const lake = await LocalLake.open(datasetFile)
  try {
    return await runMigrationLocally(migration, lake, options)
  } finally {
    await lake.close()
  }
}
