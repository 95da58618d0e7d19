/**
 * Expands the CLI's files and folders into legacy sources with their format. Folders are walked
 * recursively in name order (so runs are repeatable); manifests and hidden files are skipped, a path
 * that does not exist is an error naming it, and so is a file over its format's size limit
 * (`sourceLimits.ts`), before anything is parsed.
 */
import {open, readdir, stat} from 'node:fs/promises'
import {extname, join} from 'node:path'

import {ImportError} from '../errors'
import {isManifestFile} from '../manifest/loadManifest'
import type {SourceFormat} from '../types'
import {checkSourceSize} from './sourceLimits'

export interface LegacySource {
  file: string
  format: SourceFormat
}

const BY_EXTENSION: Record<string, SourceFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xml': 'wxr',
  '.wxr': 'wxr',
}

export async function collectInputs(paths: string[]): Promise<LegacySource[]> {
  const sources: LegacySource[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch {
      throw new ImportError(path, 'no such file or folder')
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path, {recursive: true, withFileTypes: true}))
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !isManifestFile(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
        .filter((file) => extname(file).toLowerCase() in BY_EXTENSION)
        .sort()
      for (const file of entries) sources.push(await sizedSource(file))
    } else {
      sources.push(await sizedSource(path))
    }
  }
  return sources
}

async function sizedSource(file: string): Promise<LegacySource> {
  const format = await detectFormat(file)
  checkSourceSize(file, format, (await stat(file)).size)
  return {file, format}
}

/** By extension first; files without a known one are sniffed (a WordPress export names its namespace). */
export async function detectFormat(file: string): Promise<SourceFormat> {
  const byExtension = BY_EXTENSION[extname(file).toLowerCase()]
  const handle = await open(file, 'r')
  try {
    const {buffer, bytesRead} = await handle.read(Buffer.alloc(4096), 0, 4096, 0)
    const head = buffer.subarray(0, bytesRead).toString('utf8')
    if (byExtension === 'wxr' || (!byExtension && head.includes('wordpress.org/export'))) {
      if (head.includes('\u0000')) throw new ImportError(file, 'the file is binary (it contains NUL bytes), not a WXR export')
      return 'wxr'
    }
    if (byExtension) return byExtension
    return /^\s*</.test(head) ? 'html' : /^---\n/.test(head) ? 'markdown' : 'text'
  } finally {
    await handle.close()
  }
}
