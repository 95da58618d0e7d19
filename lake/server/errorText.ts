/**
 * Error texts go to whatever page or client sent the request, so they never name the machine's folders: known
 * roots (the dataset's folder, the working directory, the home and temp directories) are replaced by labels,
 * and unexpected failures (5xx) answer with a fixed sentence while the details go to the terminal.
 */
import {realpathSync} from 'node:fs'
import {homedir, tmpdir} from 'node:os'
import {resolve} from 'node:path'

const PRIVATE_ROOTS = new Map<string, string>()

function remember(path: string, label: string): void {
  for (const variant of new Set([resolve(path), safeRealpath(path)])) {
    if (variant && variant !== '/' && !PRIVATE_ROOTS.has(variant)) PRIVATE_ROOTS.set(variant, label)
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path)
  } catch {
    return undefined
  }
}

remember(process.cwd(), '.')
remember(tmpdir(), '<tmp>')
remember(homedir(), '~')

/** Registers a folder whose absolute path must not appear in answers (the dataset's folder, the Studio build). */
export function hidePathInErrors(path: string, label: string): void {
  remember(path, label)
}

/** Replaces every registered absolute folder in `message` with its label, longest first (nested folders). */
export function redactPaths(message: string): string {
  const roots = [...PRIVATE_ROOTS.entries()].sort(([a], [b]) => b.length - a.length)
  let text = message
  for (const [root, label] of roots) text = text.split(root).join(label)
  return text
}

export const INTERNAL_ERROR_TEXT =
  'Internal error in the local Content Lake stand-in; the details are in the terminal that runs it'
