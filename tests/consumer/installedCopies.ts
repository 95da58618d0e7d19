/**
 * Where a package is installed in a project's node_modules tree, read from disk: every copy (hoisted or
 * nested), and which copy a given package resolves the way Node and bundlers do (its own nested node_modules
 * first, then the project's).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'

export interface InstalledCopy {
  /** e.g. `node_modules/sanity/node_modules/@sanity/icons` */
  path: string
  version: string
}

function packageDirs(modulesDir: string): string[] {
  const dirs: string[] = []
  for (const entry of readdirSync(modulesDir, {withFileTypes: true})) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue
    if (entry.name.startsWith('@')) {
      for (const scoped of readdirSync(join(modulesDir, entry.name), {withFileTypes: true})) {
        if (scoped.isDirectory()) dirs.push(join(modulesDir, entry.name, scoped.name))
      }
    } else dirs.push(join(modulesDir, entry.name))
  }
  return dirs
}

/** Every installed copy of `name` under `projectDir`. */
export function installedCopies(projectDir: string, name: string): InstalledCopy[] {
  const copies: InstalledCopy[] = []
  const visit = (modulesDir: string) => {
    if (!existsSync(modulesDir)) return
    const manifest = join(modulesDir, name, 'package.json')
    if (existsSync(manifest)) {
      copies.push({path: relative(projectDir, join(modulesDir, name)), version: JSON.parse(readFileSync(manifest, 'utf8')).version})
    }
    for (const dir of packageDirs(modulesDir)) visit(join(dir, 'node_modules'))
  }
  visit(join(projectDir, 'node_modules'))
  return copies
}

/** The copy of `name` that the top-level package `from` imports (its nested copy, else the hoisted one). */
export function resolvedCopy(projectDir: string, from: string, name: string): string | undefined {
  const candidates = [join('node_modules', from, 'node_modules', name), join('node_modules', name)]
  return candidates.find((candidate) => existsSync(join(projectDir, candidate, 'package.json')))
}
