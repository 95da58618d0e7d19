/**
 * The content hash the key index records for a data file: SHA-256 over the SHA-256 digests of the file's fixed-size
 * blocks (the last one shorter), in order. Blocks of a fixed size at fixed offsets make it exactly as strong as one
 * SHA-256 of the whole file (the size is checked too), and let each thread that reads a block hash that block while
 * it has it in hand: a first open on several cores reads the file once, not once more for a sequential hash.
 */
import {createHash} from 'node:crypto'
import {readSync} from 'node:fs'

/** Block size of the tree hash (and of the first open's units of work); recorded in the index, so it may change. */
export const HASH_BLOCK_BYTES = 8 << 20

export const blockCount = (size: number, blockBytes: number): number => Math.max(1, Math.ceil(size / blockBytes))

/** The tree hash (hex) from the blocks' digests in file order. */
export function treeHashOf(digests: readonly Uint8Array[]): string {
  const hash = createHash('sha256')
  for (const digest of digests) hash.update(digest)
  return hash.digest('hex')
}

/** Hashes a stream of bytes written or read in order (any chunking), cutting blocks at fixed offsets. */
export class BlockHasher {
  private readonly digests: Buffer[] = []
  private current = createHash('sha256')
  private inBlock = 0

  constructor(readonly blockBytes: number = HASH_BLOCK_BYTES) {}

  update(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; ) {
      const take = Math.min(bytes.length - at, this.blockBytes - this.inBlock)
      this.current.update(bytes.subarray(at, at + take))
      at += take
      this.inBlock += take
      if (this.inBlock === this.blockBytes) {
        this.digests.push(this.current.digest())
        this.current = createHash('sha256')
        this.inBlock = 0
      }
    }
  }

  /** The tree hash of everything given (an empty stream is one empty block). */
  digest(): string {
    if (this.inBlock > 0 || this.digests.length === 0) this.digests.push(this.current.digest())
    return treeHashOf(this.digests)
  }
}

/** The tree hash of the whole open file, read in chunks (a copied dataset is recognised by it). */
export function contentHashOf(fd: number, size: number, blockBytes: number = HASH_BLOCK_BYTES): string {
  const hasher = new BlockHasher(blockBytes)
  const chunk = Buffer.allocUnsafe(Math.min(size, 16 << 20) || 1)
  for (let position = 0; position < size; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - position), position)
    if (n === 0) break
    hasher.update(chunk.subarray(0, n))
    position += n
  }
  return hasher.digest()
}
