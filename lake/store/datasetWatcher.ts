/**
 * Tells a lake when another process changed its dataset: a watch on the dataset's folder (the log grows on every
 * commit; a compaction renames a new file over the old one, which a watch on the file itself would lose).
 * Events are coalesced to one callback per turn of the event loop. Where the platform cannot watch, a slow poll
 * stands in. The watch never keeps the process alive.
 */
import {watch, type FSWatcher} from 'node:fs'
import {basename, dirname} from 'node:path'

const FALLBACK_POLL_MS = 1000

export function watchDataset(file: string, logFile: string, onChange: () => void): () => void {
  const names = new Set([basename(file), basename(logFile)])
  let pending = false
  const changed = () => {
    if (pending) return
    pending = true
    setImmediate(() => {
      pending = false
      onChange()
    })
  }
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(dirname(file), {persistent: false}, (_event, name) => {
      if (!name || names.has(String(name))) changed()
    })
    watcher.on('error', () => undefined)
    return () => watcher?.close()
  } catch {
    const timer = setInterval(changed, FALLBACK_POLL_MS)
    timer.unref()
    return () => clearInterval(timer)
  }
}
