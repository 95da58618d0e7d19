/**
 * Test helpers: what a `sanity dataset export` archive holds, read with node-tar independently of the loader
 * under test (folder name, documents sorted by id, assets.json, asset files by sha1), and key-sorted JSON for
 * byte-for-byte document comparison without the fields the lake stamps on every write.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {gunzipSync} from 'node:zlib'

import {Parser, type ReadEntry} from 'tar'

export interface ArchiveContents {
  folder: string
  documents: Record<string, unknown>[]
  assetsJson: unknown
  /** `images/<name>` / `files/<name>` → sha1 of the bytes. */
  files: Record<string, string>
}

export async function archiveContents(file: string): Promise<ArchiveContents> {
  const entries = new Map<string, Buffer>()
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const chunks: Buffer[] = []
        entry.on('data', (chunk: Buffer) => chunks.push(chunk))
        entry.on('end', () => entries.set(entry.path, Buffer.concat(chunks)))
      },
    })
    parser.on('error', reject)
    parser.on('end', () => resolve())
    parser.end(gunzipSync(readFileSync(file)))
  })
  const folder = [...entries.keys()][0].split('/')[0]
  const inFolder = (name: string) => entries.get(`${folder}/${name}`)
  const files: Record<string, string> = {}
  for (const [name, bytes] of entries) {
    const rel = name.slice(folder.length + 1)
    if (/^(images|files)\/[^/]+$/.test(rel)) files[rel] = createHash('sha1').update(bytes).digest('hex')
  }
  const documents = inFolder('data.ndjson')!
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .sort((a, b) => String(a._id).localeCompare(String(b._id)))
  return {folder, documents, assetsJson: JSON.parse(inFolder('assets.json')!.toString('utf8')), files}
}

/** JSON with every object's keys sorted: equal strings mean equal documents, whatever order fields were set in. */
export function sortedKeys(value: unknown): string {
  const sort = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(sort)
      : item && typeof item === 'object'
        ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, child]) => [key, sort(child)]))
        : item
  return JSON.stringify(sort(value))
}

/** A stored document without `_rev` and `_updatedAt`: every write stamps them, on the Content Lake as here. */
export function withoutStamps(doc: object): object {
  const {_rev: _r, _updatedAt: _u, ...rest} = doc as Record<string, unknown>
  return rest
}
