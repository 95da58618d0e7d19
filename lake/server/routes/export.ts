/**
 * `GET /data/export/<ds>[?types=a,b]`: the whole dataset as an NDJSON stream, one document a line, the way the
 * Content Lake's export endpoint answers `@sanity/export` (and so `sanity dataset export`). Drafts, versions and
 * asset documents are included; filtering drafts and rewriting assets is the exporter's job, as with the real API.
 *
 * Asset documents carry a `url` the exporter downloads the file from. The stored one names the origin the file was
 * uploaded through (a Studio on some earlier port, or Sanity's CDN for an imported export), so the stream points
 * it at this server, which serves `/<path>` from the dataset's `assets/` folder (see `assets.ts`).
 */
import type {StandInResponse} from '../http'
import {corsHeaders, HttpError} from '../http'
import type {Route} from '../route'
import type {StandInContext} from '../types'
import type {Doc} from '../../types'

const ASSET_TYPES = new Set(['sanity.imageAsset', 'sanity.fileAsset'])
const ASSET_PATH = /^(images|files)\/[^/]+\/[^/]+\/[^/]+$/
/** Lines are written in chunks of about this size, waiting for the client to drain each. */
const CHUNK_BYTES = 256 * 1024

/** The asset document as this server hands it out: its `url` on this origin when its `path` says where it lives. */
export function withLocalAssetUrl(ctx: StandInContext, doc: Doc): Doc {
  if (!ASSET_TYPES.has(doc._type) || typeof doc.path !== 'string' || !ASSET_PATH.test(doc.path)) return doc
  return {...doc, url: `${ctx.publicOrigin}/${doc.path}`}
}

function parseTypes(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean)
}

async function writeChunk(res: StandInResponse, chunk: string): Promise<void> {
  if (res.write(chunk)) return
  await new Promise<void>((resolve, reject) => {
    res.once('drain', resolve)
    res.once('close', () => reject(new Error('client went away during export')))
  })
}

export const exportRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/data\/export\/([^/]+)$/,
    handle: async ({ctx, req, res, url, params: [dataset]}) => {
      if (dataset !== ctx.dataset) throw new HttpError(404, `Dataset "${dataset}" not found (this stand-in serves "${ctx.dataset}")`, 'notFound')
      const types = parseTypes(url.searchParams.get('types'))
      const documents = await ctx.lake.fetch<Doc[]>(types.length ? '*[_type in $types]' : '*', {types}, {perspective: 'raw'})
      res.writeHead(200, {...corsHeaders(req), 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store'})
      let chunk = ''
      for (const doc of documents) {
        chunk += JSON.stringify(withLocalAssetUrl(ctx, doc)) + '\n'
        if (chunk.length >= CHUNK_BYTES) {
          await writeChunk(res, chunk)
          chunk = ''
        }
      }
      res.end(chunk)
    },
  },
]
