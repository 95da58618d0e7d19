/**
 * A lock file (`<file>.lock`, created with O_EXCL) that serialises writers across processes sharing one dataset:
 * the Studio stand-in, `npm run query` and the importer. A lock left by a dead process is taken over.
 */
import {closeSync, openSync, readFileSync, unlinkSync, writeSync} from 'node:fs'
import {displayPath} from './ndjsonFile'

const RETRY_MS = 5
const DEFAULT_TIMEOUT_MS = 15_000

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

/** Waits for the lock and returns its release function. */
export async function acquireFileLock(lockFile: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<() => void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (tryCreate(lockFile)) {
      return () => {
        try {
          unlinkSync(lockFile)
        } catch {
          // already gone: nothing to release
        }
      }
    }
    const pid = holderPid(lockFile)
    if (pid !== undefined && !isAlive(pid)) {
      try {
        unlinkSync(lockFile)
      } catch {
        // another waiter removed it first
      }
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
