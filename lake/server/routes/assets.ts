/**
 * Assets offline. Uploads (`POST /assets/images|files/<ds>`) are stored under `assets/` beside the dataset file
 * and get their `sanity.imageAsset` / `sanity.fileAsset` document in the lake, with a `url` on this stand-in.
 * `@sanity/image-url` builds `<apiHost>/images/<projectId>/<ds>/<sha1>-<w>x<h>.<ext>` from the Studio's
 * `apiHost`, so serving `/images/...` and `/files/...` here makes hero images and logos show without the CDN.
 */
import {createHash, randomUUID} from 'node:crypto'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {basename, extname, join} from 'node:path'

import {corsHeaders, decodePathSegment, HttpError, readBody, sendJson, type StandInRequest, type StandInResponse} from '../http'
import {ASSET_BODY_LIMIT_BYTES} from '../limits'
import {readImageInfo} from '../imageDimensions'
import type {Route} from '../route'
import type {StandInContext} from '../types'
import type {Doc} from '../../types'

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
}

function assetCommon(bytes: Buffer, url: URL, sha1: string) {
  return {
    assetId: sha1,
    sha1hash: sha1,
    size: bytes.length,
    originalFilename: url.searchParams.get('filename') ?? undefined,
    uploadId: randomUUID(),
  }
}

async function storeAsset(ctx: StandInContext, kind: 'images' | 'files', bytes: Buffer, url: URL, contentType?: string): Promise<Doc> {
  if (bytes.length === 0) throw new HttpError(400, 'Empty upload')
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  let doc: Doc
  let fileName: string
  if (kind === 'images') {
    const info = readImageInfo(bytes)
    if (!info) throw new HttpError(400, 'Unsupported image: the local stand-in accepts PNG, JPEG, GIF and WebP uploads')
    fileName = `${sha1}-${info.width}x${info.height}.${info.extension}`
    doc = {
      _id: `image-${sha1}-${info.width}x${info.height}-${info.extension}`,
      _type: 'sanity.imageAsset',
      ...assetCommon(bytes, url, sha1),
      extension: info.extension,
      mimeType: info.mimeType,
      path: `images/${ctx.projectId}/${ctx.dataset}/${fileName}`,
      url: `${ctx.publicOrigin}/images/${ctx.projectId}/${ctx.dataset}/${fileName}`,
      metadata: {
        _type: 'sanity.imageMetadata',
        dimensions: {
          _type: 'sanity.imageDimensions',
          width: info.width,
          height: info.height,
          aspectRatio: info.width / info.height,
        },
        hasAlpha: info.hasAlpha,
        isOpaque: !info.hasAlpha,
      },
    }
  } else {
    // Only letters and digits: the extension ends up in a file name and a Content-Disposition header.
    const extension = extname(url.searchParams.get('filename') ?? '').slice(1).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 16) || 'bin'
    fileName = `${sha1}.${extension}`
    doc = {
      _id: `file-${sha1}-${extension}`,
      _type: 'sanity.fileAsset',
      ...assetCommon(bytes, url, sha1),
      extension,
      mimeType: contentType || 'application/octet-stream',
      path: `files/${ctx.projectId}/${ctx.dataset}/${fileName}`,
      url: `${ctx.publicOrigin}/files/${ctx.projectId}/${ctx.dataset}/${fileName}`,
    }
  }
  await mkdir(ctx.assetDir, {recursive: true})
  await writeFile(join(ctx.assetDir, fileName), bytes)
  const cleaned = JSON.parse(JSON.stringify(doc)) as Doc
  await ctx.lake.mutate([{createIfNotExists: cleaned}])
  return (await ctx.lake.getDocument(cleaned._id)) ?? cleaned
}

export const assetRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/assets\/(images|files)\/[^/]+$/,
    handle: async ({ctx, req, res, url, params: [kind]}) => {
      const bytes = await readBody(req, ASSET_BODY_LIMIT_BYTES)
      const document = await storeAsset(ctx, kind as 'images' | 'files', bytes, url, req.headers['content-type'])
      sendJson(req, res, 200, {document})
    },
  },
]

/**
 * `GET`/`HEAD /images/<projectId>/<ds>/<file>[/<vanity name>]` and `/files/...`: the stored upload, whatever the
 * query string. Uploads are served on the Studio's origin, so they must never run as a page there: `nosniff`, a
 * sandboxing CSP (an SVG's `<script>` does not run), and files are downloads (`Content-Disposition: attachment`).
 * A missing file is a 404 (`@sanity/import` asks with HEAD whether an asset already exists).
 */
export async function serveAssetFile(ctx: StandInContext, req: StandInRequest, res: StandInResponse, path: string): Promise<boolean> {
  const match = /^\/(images|files)\/[^/]+\/[^/]+\/([^/]+)/.exec(path)
  if (!match) return false
  const fileName = basename(decodePathSegment(match[2]))
  const bytes = await readFile(join(ctx.assetDir, fileName)).catch(() => undefined)
  if (!bytes) {
    sendJson(req, res, 404, {error: {description: `No asset file ${fileName} in this dataset`, type: 'notFound'}, statusCode: 404})
    return true
  }
  res.writeHead(200, {
    ...corsHeaders(req),
    'content-type': CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(bytes.length),
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    ...(match[1] === 'files' ? {'content-disposition': `attachment; filename="${fileName}"`} : {}),
  })
  if (req.method === 'HEAD') res.end()
  else res.end(bytes)
  return true
}
