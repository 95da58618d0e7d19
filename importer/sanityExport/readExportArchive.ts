/**
 * Reads what `sanity dataset export` (`@sanity/export`) writes: a gzipped tar holding one folder
 * (`<dataset>-export-<date>/`) with `data.ndjson`, `assets.json`, `images/` and `files/`; or a bare
 * `data.ndjson` with those beside it. Everything is read into memory before anything is written, so a truncated
 * or malformed archive fails here and the dataset is never touched. Paths are relative to `data.ndjson`'s folder,
 * as the `_sanityAsset` values (`image@file://./images/<name>`) name them.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {basename, dirname, join, posix} from 'node:path'
import {gunzipSync} from 'node:zlib'

import {Parser, type ReadEntry} from 'tar'

export interface ExportArchive {
  /** How errors name the data file: `prod.tar.gz › production-export-…/data.ndjson` or the NDJSON path. */
  dataLabel: string
  dataText: string
  /** `images/<name>` and `files/<name>` → bytes. */
  files: Map<string, Buffer>
  /** `assets.json`: asset metadata by `image-<sha1>` / `file-<sha1>`, as Sanity's exporter kept it. */
  assetMeta: Record<string, Record<string, unknown>>
}

export const isSanityExportPath = (path: string): boolean => /\.(tar\.gz|tgz|tar|ndjson)$/i.test(path)

export async function readExportArchive(path: string): Promise<ExportArchive> {
  if (!existsSync(path)) throw new Error(`${path}: file not found`)
  return /\.ndjson$/i.test(path) ? readNdjsonExport(path) : readTarExport(path)
}

function parseAssetMeta(text: string | undefined, where: string): ExportArchive['assetMeta'] {
  if (text === undefined) return {}
  try {
    const value = JSON.parse(text) as unknown
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as ExportArchive['assetMeta']
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message}). Export the dataset again.`)
  }
  throw new Error(`${where}: expected an object of asset metadata. Export the dataset again.`)
}

function readNdjsonExport(path: string): ExportArchive {
  const folder = dirname(path)
  const files = new Map<string, Buffer>()
  for (const kind of ['images', 'files']) {
    const dir = join(folder, kind)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir)) files.set(`${kind}/${name}`, readFileSync(join(dir, name)))
  }
  const assetsJson = join(folder, 'assets.json')
  const assetMeta = parseAssetMeta(existsSync(assetsJson) ? readFileSync(assetsJson, 'utf8') : undefined, assetsJson)
  return {dataLabel: path, dataText: readFileSync(path, 'utf8'), files, assetMeta}
}

async function readTarExport(path: string): Promise<ExportArchive> {
  let tarBytes = readFileSync(path)
  if (tarBytes[0] === 0x1f && tarBytes[1] === 0x8b) {
    try {
      tarBytes = gunzipSync(tarBytes)
    } catch (error) {
      throw new Error(
        `${path}: not a complete gzip archive (${(error as Error).message}). The file was cut short or damaged: download or export it again.`,
      )
    }
  }
  const entries = await readTarEntries(tarBytes, path)
  const dataEntries = [...entries.keys()].filter((name) => posix.basename(name) === 'data.ndjson' && name.split('/').length <= 2)
  if (dataEntries.length !== 1) {
    throw new Error(
      `${path}: ${dataEntries.length ? 'more than one' : 'no'} data.ndjson in the archive (found: ${[...entries.keys()].slice(0, 8).join(', ') || 'nothing'}). ` +
        'Expected a `sanity dataset export` archive.',
    )
  }
  const base = posix.dirname(dataEntries[0])
  const relative = (name: string) => (base === '.' ? name : name.slice(base.length + 1))
  const files = new Map<string, Buffer>()
  for (const [name, bytes] of entries) {
    const rel = relative(name)
    if (/^(images|files)\/[^/]+$/.test(rel)) files.set(rel, bytes)
  }
  const assetsName = base === '.' ? 'assets.json' : `${base}/assets.json`
  const dataLabel = `${basename(path)} › ${dataEntries[0]}`
  return {
    dataLabel,
    dataText: entries.get(dataEntries[0])!.toString('utf8'),
    files,
    assetMeta: parseAssetMeta(entries.get(assetsName)?.toString('utf8'), `${basename(path)} › ${assetsName}`),
  }
}

/** Regular files of a tar, by path; strict, so a damaged header is an error rather than a skipped entry. */
function readTarEntries(tarBytes: Buffer, path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Buffer>()
    const fail = (message: string) =>
      reject(new Error(`${path}: not a readable tar archive (${message}). Export the dataset again.`))
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        if (entry.type !== 'File') return entry.resume()
        const chunks: Buffer[] = []
        entry.on('data', (chunk: Buffer) => chunks.push(chunk))
        entry.on('end', () => entries.set(entry.path.replace(/^\.\//, ''), Buffer.concat(chunks)))
      },
    })
    parser.on('error', (error: Error) => fail(error.message))
    parser.on('warn', (_code: string, message: string | Error) => fail(String(message)))
    parser.on('end', () => resolve(entries))
    parser.end(tarBytes)
  })
}
