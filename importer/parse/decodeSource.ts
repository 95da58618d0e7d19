/**
 * Turns a legacy file's bytes into text, or refuses with a message naming the file: empty files and
 * binary files (NUL bytes, invalid UTF-8) are the two ways an archive dump most often goes wrong.
 */
import {ImportError} from '../errors'

export function decodeSource(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0 || bytes.every((byte) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d))) {
    throw new ImportError(file, 'the file is empty: a legacy article needs a title line and a body')
  }
  if (bytes.includes(0)) {
    throw new ImportError(file, 'the file is binary (it contains NUL bytes), not a text, Markdown, HTML or WXR export')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    throw new ImportError(file, 'the file is not valid UTF-8 text; re-export it as UTF-8')
  }
  // Windows line endings are the only normalisation: paragraphs are found on blank lines either way.
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}
