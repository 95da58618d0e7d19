/**
 * A data file's stamp (inode, size, times): a reader compares it with the one it loaded to tell that another process
 * compacted the file (then it reloads instead of reading a log offset that no longer means anything).
 */
import {statSync} from 'node:fs'

export interface FileStamp {
  ino: number
  size: number
  mtimeMs: number
  ctimeMs: number
}

export function stampOf(file: string): FileStamp {
  const {ino, size, mtimeMs, ctimeMs} = statSync(file)
  return {ino, size, mtimeMs, ctimeMs}
}

export const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
  a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs

export function logSize(logFile: string): number {
  try {
    return statSync(logFile).size
  } catch {
    return 0
  }
}
