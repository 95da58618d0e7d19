/**
 * Serves the built Studio (`dist/`) on the same loopback server as the API, with the single-page-app fallback:
 * any path that is not a file (e.g. `/structure/article;...`) gets `index.html`, as `sanity preview` does.
 */
import {readFile, stat} from 'node:fs/promises'
import {extname, join, normalize, sep} from 'node:path'

import type {StandInResponse} from './http'

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

export async function serveStatic(root: string, pathname: string, res: StandInResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  // A path that escapes the root, or names no file, is a Studio route: answer with the app shell.
  if (!file.startsWith(root + sep) || !(await isFile(file))) file = join(root, 'index.html')
  const body = await readFile(file)
  const hashed = /[/\\]static[/\\]/.test(file)
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(body.length),
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  res.end(body)
}
