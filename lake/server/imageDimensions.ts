/**
 * Width and height from an image's header (PNG, JPEG, GIF, WebP), so uploaded assets get the
 * `metadata.dimensions` the Studio and `@sanity/image-url` rely on, without an image library.
 */
export interface ImageInfo {
  extension: 'png' | 'jpg' | 'gif' | 'webp'
  mimeType: string
  width: number
  height: number
  hasAlpha: boolean
}

function pngInfo(bytes: Buffer): ImageInfo {
  // IHDR is the first chunk: width and height are big-endian at offsets 16 and 20; colour type at 25.
  const colourType = bytes[25]
  return {
    extension: 'png',
    mimeType: 'image/png',
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    hasAlpha: colourType === 4 || colourType === 6,
  }
}

function jpegInfo(bytes: Buffer): ImageInfo | undefined {
  let offset = 2
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined
    const marker = bytes[offset + 1]
    const length = bytes.readUInt16BE(offset + 2)
    // Start-of-frame markers carry the size; C4 (Huffman), C8 and CC (arithmetic coding) are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        extension: 'jpg',
        mimeType: 'image/jpeg',
        height: bytes.readUInt16BE(offset + 5),
        width: bytes.readUInt16BE(offset + 7),
        hasAlpha: false,
      }
    }
    offset += 2 + length
  }
  return undefined
}

function webpInfo(bytes: Buffer): ImageInfo | undefined {
  const chunk = bytes.toString('ascii', 12, 16)
  const info = (width: number, height: number, hasAlpha: boolean): ImageInfo => ({
    extension: 'webp',
    mimeType: 'image/webp',
    width,
    height,
    hasAlpha,
  })
  if (chunk === 'VP8X') return info(bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1, (bytes[20] & 0x10) !== 0)
  if (chunk === 'VP8 ') return info(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff, false)
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21)
    return info((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, true)
  }
  return undefined
}

/** Returns undefined for anything that is not a PNG, JPEG, GIF or WebP image. */
export function readImageInfo(bytes: Buffer): ImageInfo | undefined {
  if (bytes.length < 30) return undefined
  if (bytes.readUInt32BE(0) === 0x89504e47) return pngInfo(bytes)
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegInfo(bytes)
  if (bytes.toString('ascii', 0, 4) === 'GIF8') {
    return {extension: 'gif', mimeType: 'image/gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8), hasAlpha: true}
  }
  if (bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return webpInfo(bytes)
  return undefined
}
