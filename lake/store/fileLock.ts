/**
 * A lock file (`<file>.lock`, created with O_EXCL) that serialises writers across processes sharing one dataset:
 * the Studio stand-in, `npm run query` and the importer. A lock left by a dead process is taken over.
 * Fairness: a waiter keeps `<file>.lock.wanted` fresh with its token, and other writers hold back while that
 * announcement is fresh, so a tight write loop (an import) cannot starve the Studio's keystrokes.
 */
import {closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync} from 'node:fs'
import {displayPath} from './ndjsonFile'

const RETRY_MS = 5
const DEFAULT_TIMEOUT_MS = 15_000
/** A waiter rewrites its announcement every retry; an older one belongs to a waiter that gave up or died. */
const WANTED_FRESH_MS = 100
const MAX_YIELD_MS = 500

function freshWanted(wantedFile: string): string | undefined {
  try {
    if (Date.now() - statSync(wantedFile).mtimeMs > WANTED_FRESH_MS) return undefined
    return readFileSync(wantedFile, 'utf8')
  } catch {
    return undefined
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // already gone
  }
}

function tryCreate(lockFile: string): boolean {
  try {
    const fd = openSync(lockFile, 'wx')
    writeSync(fd, String(process.pid))
    closeSync(fd)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function holderPid(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'))
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Waits for the lock and returns its release function; `token` identifies this writer among waiters. */
export async function acquireFileLock(lockFile: string, token: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<() => void> {
  const wantedFile = `${lockFile}.wanted`
  const deadline = Date.now() + timeoutMs
  let yielded = 0
  for (;;) {
    const wanted = freshWanted(wantedFile)
    if (wanted !== undefined && wanted !== token && yielded < MAX_YIELD_MS) {
      yielded += RETRY_MS
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
      continue
    }
    if (tryCreate(lockFile)) {
      if (wanted === token) removeQuietly(wantedFile)
      return () => removeQuietly(lockFile)
    }
    writeFileSync(wantedFile, token)
    const pid = holderPid(lockFile)
    if (pid !== undefined && !isAlive(pid)) {
      removeQuietly(lockFile)
      continue
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${displayPath(lockFile)}: held by process ${pid ?? '?'} for over ${timeoutMs / 1000} s. ` +
          `If no other process is writing this dataset, delete the lock file.`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
  }
}
