/**
 * Serves the built Studio (`dist/`) on the same loopback server as the API, with the single-page-app fallback:
 * any path that is not a file (e.g. `/structure/article;...`) gets `index.html`, as `sanity preview` does.
 * A malformed escape is a 400 and a missing build a 404 naming the command, never the folder's absolute path.
 */
import {readFile, stat} from 'node:fs/promises'
import {extname, join, normalize, sep} from 'node:path'

import {decodePathSegment, HttpError, type StandInResponse} from './http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false)
}

export async function serveStatic(root: string, pathname: string, res: StandInResponse, method = 'GET'): Promise<void> {
  const relative = normalize(decodePathSegment(pathname)).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  // A path that escapes the root, or names no file, is a Studio route: answer with the app shell.
  if (!file.startsWith(root + sep) || !(await isFile(file))) file = join(root, 'index.html')
  const body = await readFile(file).catch(() => {
    throw new HttpError(404, 'The Studio build is missing; run `npm run studio -- --rebuild`', 'notFound')
  })
  const hashed = /[/\\]static[/\\]/.test(file)
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(body.length),
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  if (method === 'HEAD') res.end()
  else res.end(body)
}
