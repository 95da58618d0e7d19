/**
 * Reads every source's manifest before any article is parsed, so the whole run knows the entities all
 * manifests define: an article without a manifest is linked to companies another article's manifest
 * brings in the same run, and a manifest may reference an entity another manifest defines.
 */
import {entityId} from '../assemble/references'
import {findManifest, loadManifest} from '../manifest/loadManifest'
import type {Manifest} from '../manifest/manifestTypes'
import type {LegacySource} from './collectInputs'

export interface RunManifests {
  bySource: Map<string, Manifest>
  /** The entities (and products) of all manifests together, for linking articles that have none. */
  merged: Manifest
  /** Ids of every entity some manifest of the run defines. */
  entityIds: Set<string>
}

export async function loadRunManifests(sources: LegacySource[]): Promise<RunManifests> {
  const bySource = new Map<string, Manifest>()
  const merged: Manifest = {file: '(all manifests of this run)', companies: [], regulations: [], sources: [], products: []}
  const entityIds = new Set<string>()
  for (const source of sources) {
    if (source.format === 'wxr') continue
    const file = await findManifest(source.file)
    if (!file) continue
    const manifest = await loadManifest(file)
    bySource.set(source.file, manifest)
    merged.companies!.push(...(manifest.companies ?? []))
    merged.regulations!.push(...(manifest.regulations ?? []))
    merged.sources!.push(...(manifest.sources ?? []))
    merged.products!.push(...(manifest.products ?? []))
    const ids = [
      ...(manifest.companies ?? []).map((entry) => entityId('company', entry.key)),
      ...(manifest.regulations ?? []).map((entry) => entityId('regulation', entry.key)),
      ...(manifest.sources ?? []).map((entry) => entityId('interviewSource', entry.key)),
      ...(manifest.authors ?? []).map((entry) => entityId('author', entry.key)),
      ...(manifest.unicornLists ?? []).map((entry) => entityId('unicornList', entry.key)),
      ...(manifest.section ? [entityId('section', manifest.section.key)] : []),
    ]
    for (const id of ids) entityIds.add(id)
  }
  return {bySource, merged, entityIds}
}
