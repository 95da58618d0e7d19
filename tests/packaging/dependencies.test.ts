/**
 * The published package declares what it ships: `dependencies` are exactly the packages the compiled `lib/`
 * (JavaScript and `.d.ts`, read from the `npm pack` tarball) imports, the Studio runtime comes from the host
 * Studio as peers, and everything else is a devDependency. Also: the lockfile installs without an engine
 * warning on the Node running the tests (what `npm ci` reports as EBADENGINE).
 */
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

import semver from 'semver'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {importedPackages} from './importedPackages'
import {packedTarball, PROJECT_DIR} from './packedTarball'

const run = promisify(execFile)

/** What a host Studio provides, one copy each; `sanity` 5 and 6 both bring all of them. */
const STUDIO_RUNTIME = ['@sanity/icons', '@sanity/ui', 'react', 'react-dom', 'sanity', 'styled-components']
/** The repository's own Studio, pinned. */
const REPOSITORY_SANITY = '5.31.2'

interface Manifest {
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

describe('the packed package', () => {
  let dir: string
  let manifest: Manifest
  let imported: Map<string, string[]>

  beforeAll(async () => {
    const tarball = await packedTarball()
    dir = await mkdtemp(join(tmpdir(), 'china-desk-packed-'))
    await run('tar', ['-xzf', tarball, '-C', dir])
    manifest = JSON.parse(await readFile(join(dir, 'package', 'package.json'), 'utf8')) as Manifest
    imported = importedPackages(join(dir, 'package', 'lib'))
  }, 600_000)

  afterAll(async () => {
    if (dir) await rm(dir, {recursive: true, force: true})
  })

  it('imports only declared packages (dependencies or Studio peers)', () => {
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})])
    const undeclared = [...imported].filter(([name]) => !declared.has(name)).map(([name, files]) => `${name} (${files.join(', ')})`)
    expect(undeclared, 'imported by lib/ but not in dependencies or peerDependencies').toEqual([])
    // The lib really was scanned: the entries import Sanity and the query helpers' packages.
    expect(imported.has('sanity') && imported.has('groq')).toBe(true)
  })

  it('declares as dependencies only what lib/ imports', () => {
    const unused = Object.keys(manifest.dependencies ?? {}).filter((name) => !imported.has(name))
    expect(unused, 'in dependencies but never imported by lib/ (make it a devDependency)').toEqual([])
  })

  it('takes the Studio runtime from the host Studio as peers covering the repository Studio', () => {
    const peers = manifest.peerDependencies ?? {}
    expect(Object.keys(peers).sort()).toEqual(STUDIO_RUNTIME)
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => name in peers)).toEqual([])
    expect(peers.sanity).toBe('^5 || ^6')
    const own = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as Manifest
    expect(own.devDependencies?.sanity).toBe(REPOSITORY_SANITY)
    // The repository's Studio installs each peer itself, at a version the peer range accepts.
    const outOfRange = STUDIO_RUNTIME.filter((name) => {
      const pinned = own.devDependencies?.[name]
      return !pinned || !semver.satisfies(pinned, peers[name]!)
    })
    expect(outOfRange, 'peers the devDependencies do not pin inside the peer range').toEqual([])
  })
})

describe('package-lock.json', () => {
  it(`installs on this Node (${process.version}) without an engine warning`, () => {
    const lock = JSON.parse(readFileSync(join(PROJECT_DIR, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, {version?: string; engines?: {node?: string} | string[]}>
    }
    const unsupported = Object.entries(lock.packages)
      .filter(([path, entry]) => {
        const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined
        return path !== '' && range && !semver.satisfies(process.version, range, {includePrerelease: true})
      })
      .map(([path, entry]) => `${path}@${entry.version} needs node ${(entry.engines as {node: string}).node}`)
    expect(unsupported).toEqual([])
  })
})
