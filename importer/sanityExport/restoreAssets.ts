/**
 * Undoes what Sanity's exporter did to assets. `@sanity/export` drops `sanity.imageAsset`/`sanity.fileAsset`
 * documents from `data.ndjson`, puts their files under `images/<sha1>-<w>x<h>.<ext>` and `files/<sha1>.<ext>`, keeps
 * their editable metadata in `assets.json` (keyed `image-<sha1>`), and replaces every `{asset: {_ref}}` with
 * `{_sanityAsset: "image@file://./images/<name>"}`. Here, as `@sanity/import` does through an upload, each file
 * becomes its asset document again (the id Sanity derives from content: `image-<sha1>-<w>x<h>-<ext>`), and each
 * `_sanityAsset` becomes an `asset` reference to it in the same place, so documents read as before the export.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import type {Doc} from '../../lake'
import {readImageInfo} from '../../lake/server/imageDimensions'
import type {ExportArchive} from './readExportArchive'
import type {ExportLine} from './parseExportLines'

/** Where restored assets live: the URL and path the local stand-in serves them under (`npm run studio`'s defaults). */
export interface AssetLocation {
  projectId: string
  dataset: string
  origin: string
}

export interface RestoredAssets {
  documents: ExportLine[]
  assetDocuments: Doc[]
  /** File name in the dataset's `assets/` folder → bytes. */
  files: Map<string, Buffer>
}

const FILE_MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  svg: 'image/svg+xml',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}
const ASSET_VALUE = /^(image|file)@(.+)$/
/** Fields Sanity derives from the stored file: never taken from `assets.json`, always computed here. */
const DERIVED = new Set(['_id', '_type', '_rev', '_updatedAt', 'assetId', 'extension', 'mimeType', 'path', 'url', 'sha1hash', 'size', 'uploadId'])

export function restoreAssets(lines: ExportLine[], archive: ExportArchive, location: AssetLocation): RestoredAssets {
  const assetDocuments = new Map<string, Doc>()
  const files = new Map<string, Buffer>()

  const assetFor = (value: string, where: string): string => {
    const match = ASSET_VALUE.exec(value)
    if (!match) throw new Error(`${where}: _sanityAsset "${value}" is not "image@<url>" or "file@<url>"`)
    const [, kind, url] = match
    const bytes = readAssetBytes(url, archive, where)
    const sha1 = createHash('sha1').update(bytes).digest('hex')
    const meta = archive.assetMeta[`${kind}-${sha1}`] ?? {}
    const doc = kind === 'image' ? imageAssetDocument(bytes, sha1, location, where) : fileAssetDocument(bytes, sha1, url, location)
    for (const [field, fieldValue] of Object.entries(meta)) if (!DERIVED.has(field)) doc[field] = fieldValue
    assetDocuments.set(doc._id, doc)
    files.set(String(doc.path).split('/').pop()!, bytes)
    return doc._id
  }

  const documents = lines.map(({line, doc}) => ({
    line,
    doc: rewrite(doc, (value, path) => assetFor(value, `${archive.dataLabel}:${line}: document "${doc._id}" at ${path}`), '') as Doc,
  }))
  return {documents, assetDocuments: [...assetDocuments.values()], files}
}

/** Copies `value`, turning `{_sanityAsset: "…", …rest}` into `{asset: {_ref, _type: 'reference'}, …rest}` in place. */
function rewrite(value: unknown, assetId: (value: string, path: string) => string, path: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => rewrite(item, assetId, `${path}[${index}]`))
  if (!value || typeof value !== 'object') return value
  const result: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key
    if (key === '_sanityAsset' && typeof child === 'string') result.asset = {_ref: assetId(child, path || '(document)'), _type: 'reference'}
    else result[key] = rewrite(child, assetId, childPath)
  }
  return result
}

function readAssetBytes(url: string, archive: ExportArchive, where: string): Buffer {
  if (url.startsWith('file://./')) {
    const relative = url.slice('file://./'.length)
    const bytes = archive.files.get(relative)
    if (!bytes) throw new Error(`${where}: refers to ${relative}, which is not in the export. Export again with assets (no --no-assets).`)
    return bytes
  }
  if (url.startsWith('file://')) {
    try {
      return readFileSync(fileURLToPath(url))
    } catch (error) {
      throw new Error(`${where}: cannot read ${url} (${(error as Error).message})`)
    }
  }
  throw new Error(`${where}: asset ${url} is not in the export; remote assets are not downloaded offline. Use an export made with assets.`)
}

function imageAssetDocument(bytes: Buffer, sha1: string, location: AssetLocation, where: string): Doc {
  const info = readImageInfo(bytes)
  if (!info) throw new Error(`${where}: the image is not a PNG, JPEG, GIF or WebP file the local lake can read`)
  const fileName = `${sha1}-${info.width}x${info.height}.${info.extension}`
  const path = `images/${location.projectId}/${location.dataset}/${fileName}`
  return {
    _id: `image-${sha1}-${info.width}x${info.height}-${info.extension}`,
    _type: 'sanity.imageAsset',
    assetId: sha1,
    extension: info.extension,
    mimeType: info.mimeType,
    path,
    sha1hash: sha1,
    size: bytes.length,
    url: `${location.origin}/${path}`,
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: {_type: 'sanity.imageDimensions', width: info.width, height: info.height, aspectRatio: info.width / info.height},
      hasAlpha: info.hasAlpha,
      isOpaque: !info.hasAlpha,
    },
  }
}

function fileAssetDocument(bytes: Buffer, sha1: string, url: string, location: AssetLocation): Doc {
  const extension = (/\.([a-z0-9]+)$/i.exec(url)?.[1] ?? 'bin').toLowerCase()
  const path = `files/${location.projectId}/${location.dataset}/${sha1}.${extension}`
  return {
    _id: `file-${sha1}-${extension}`,
    _type: 'sanity.fileAsset',
    assetId: sha1,
    extension,
    // `assets.json` does not keep the MIME type (Sanity's exporter drops it), so it follows from the extension.
    mimeType: FILE_MIME_TYPES[extension] ?? 'application/octet-stream',
    path,
    sha1hash: sha1,
    size: bytes.length,
    url: `${location.origin}/${path}`,
  }
}
