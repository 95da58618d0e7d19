/**
 * Which packages the compiled package imports: every bare specifier in the shipped JavaScript and `.d.ts` files
 * (static and dynamic imports, `export … from`, `import("x")` types, `/// <reference types>`), reduced to the
 * package name. TypeScript's own import scanner reads both kinds of file, so nothing is guessed by regex.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {builtinModules} from 'node:module'
import {join} from 'node:path'

import ts from 'typescript'

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(packageName(specifier))
}

/** Package name → the files (relative to `dir`) that import it. */
export function importedPackages(dir: string): Map<string, string[]> {
  const files = readdirSync(dir, {recursive: true, encoding: 'utf8'}).filter((file) => /\.(m?js|d\.ts)$/.test(file))
  const imported = new Map<string, string[]>()
  for (const file of files.sort()) {
    const info = ts.preProcessFile(readFileSync(join(dir, file), 'utf8'), true, true)
    for (const {fileName: specifier} of [...info.importedFiles, ...info.typeReferenceDirectives]) {
      if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) continue
      const name = packageName(specifier)
      imported.set(name, [...new Set([...(imported.get(name) ?? []), file])])
    }
  }
  return imported
}
