/**
 * Finds and reads the manifest beside a legacy file (`<name>.manifest.yaml`, `.yml` or `.json`) and
 * checks its shape, so a typo ("compnies", a company without a key) is an error naming the manifest
 * and the field rather than a silently unlinked article.
 */
import {access, readFile} from 'node:fs/promises'
import {basename, dirname, extname, join} from 'node:path'

import {parse as parseYaml} from 'yaml'

import {ImportError} from '../errors'
import {type Manifest, MANIFEST_FIELDS} from './manifestTypes'

const MANIFEST_SUFFIXES = ['.manifest.yaml', '.manifest.yml', '.manifest.json']

export function isManifestFile(file: string): boolean {
  return MANIFEST_SUFFIXES.some((suffix) => file.endsWith(suffix))
}

export async function findManifest(sourceFile: string): Promise<string | undefined> {
  const stem = join(dirname(sourceFile), basename(sourceFile, extname(sourceFile)))
  for (const suffix of MANIFEST_SUFFIXES) {
    const candidate = stem + suffix
    try {
      await access(candidate)
      return candidate
    } catch {
      // not this spelling; try the next
    }
  }
  return undefined
}

export async function loadManifest(file: string): Promise<Manifest> {
  let data: unknown
  try {
    const text = await readFile(file, 'utf8')
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new ImportError(file, `the manifest cannot be read: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new ImportError(file, 'the manifest must be a mapping of fields (legacyId, publishedAt, authors, companies, ...)')
  }
  const manifest = data as Record<string, unknown>
  for (const field of Object.keys(manifest)) {
    if (!MANIFEST_FIELDS.includes(field as keyof Manifest)) {
      throw new ImportError(file, `unknown manifest field "${field}"; expected one of ${MANIFEST_FIELDS.join(', ')}`, {path: field})
    }
  }
  for (const list of ['authors', 'companies', 'regulations', 'sources', 'unicornLists'] as const) {
    const entries = manifest[list]
    if (entries === undefined) continue
    if (!Array.isArray(entries)) throw new ImportError(file, `"${list}" must be a list`, {path: list})
    const seen = new Set<string>()
    entries.forEach((entry: Record<string, unknown>, index) => {
      const key = entry?.key
      if (typeof key !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(key)) {
        throw new ImportError(file, 'needs a `key` in lowercase letters, digits and hyphens (it becomes the slug and id)', {path: `${list}[${index}].key`})
      }
      if (seen.has(key)) throw new ImportError(file, `the key "${key}" is used twice`, {path: `${list}[${index}].key`})
      seen.add(key)
    })
  }
  for (const date of ['publishedAt'] as const) {
    const value = manifest[date]
    if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
      throw new ImportError(file, `must be an ISO date-time such as 2022-10-12T08:00:00Z, got ${JSON.stringify(value)}`, {path: date})
    }
  }
  return {...(manifest as Omit<Manifest, 'file'>), file}
}
