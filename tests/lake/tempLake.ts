/** Test helpers: a temp directory per test file, NDJSON writing, and independent perspective reference views. */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll} from 'vitest'

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lake-${prefix}-`))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))
  return dir
}

export function writeNdjson(file: string, documents: object[]): string {
  writeFileSync(file, documents.map((doc) => JSON.stringify(doc)).join('\n') + (documents.length ? '\n' : ''))
  return file
}

type AnyDoc = {_id: string; [field: string]: unknown}

/** What the Content Lake's published perspective shows, computed independently of the store. */
export function publishedReference(documents: AnyDoc[]): AnyDoc[] {
  return documents.filter((doc) => !doc._id.startsWith('drafts.') && !doc._id.startsWith('versions.'))
}

/** What the drafts perspective shows: each draft in place of its published document, under the published id. */
export function draftsReference(documents: AnyDoc[]): AnyDoc[] {
  const slots = new Map<string, AnyDoc>()
  const byId = new Map(documents.map((doc) => [doc._id, doc]))
  for (const doc of documents) {
    if (doc._id.startsWith('versions.')) continue
    const publishedId = doc._id.replace(/^drafts\./, '')
    const draft = byId.get(`drafts.${publishedId}`)
    slots.set(publishedId, draft ? {...draft, _id: publishedId, _originalId: draft._id} : byId.get(publishedId)!)
  }
  return [...slots.values()]
}
