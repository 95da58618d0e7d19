/**
 * Numbers for distinct key strings, where a key may be given as a span of a larger text (a key index segment's
 * decoded string table) and is then never made into a string of its own. Building the lookup indexes of a reopened
 * 100k-article dataset meets ~750k referenced-id spans (each segment has its own table); slicing each and looking
 * it up in a `Map` took about a second, hashing the span in place and probing an Int32 table takes tens of ms.
 * Open addressing (linear probing, at most half full); each key remembers its text, span and hash.
 */
export class SpanKeys {
  private slots = new Int32Array(1 << 12)
  private texts: string[] = []
  private starts = new Int32Array(1 << 11)
  private ends = new Int32Array(1 << 11)
  private hashes = new Int32Array(1 << 11)
  private count = 0

  get size(): number {
    return this.count
  }

  /** The number of `text[start, end)`, numbered in first-seen order from 0 (added when new). */
  add(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end)
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] - 1
      if (held < 0) return this.insert(slot, hash, text, start, end)
      if (this.hashes[held] === hash && this.equals(held, text, start, end)) return held
    }
  }

  /** The number of `key`, or -1 when it was never added. */
  find(key: string): number {
    const hash = hashOf(key, 0, key.length)
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] - 1
      if (held < 0) return -1
      if (this.hashes[held] === hash && this.ends[held] - this.starts[held] === key.length && this.texts[held].startsWith(key, this.starts[held])) return held
    }
  }

  private equals(held: number, text: string, start: number, end: number): boolean {
    const heldText = this.texts[held]
    const heldStart = this.starts[held]
    if (this.ends[held] - heldStart !== end - start) return false
    for (let i = 0; i < end - start; i++) if (heldText.charCodeAt(heldStart + i) !== text.charCodeAt(start + i)) return false
    return true
  }

  private insert(slot: number, hash: number, text: string, start: number, end: number): number {
    const number = this.count++
    if (number === this.starts.length) {
      this.starts = grown(this.starts)
      this.ends = grown(this.ends)
      this.hashes = grown(this.hashes)
    }
    this.texts.push(text)
    this.starts[number] = start
    this.ends[number] = end
    this.hashes[number] = hash
    this.slots[slot] = number + 1
    if (this.count * 2 > this.slots.length) this.rehash()
    return number
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let number = 0; number < this.count; number++) {
      let slot = this.hashes[number] & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = number + 1
    }
    this.slots = slots
  }
}

const grown = (values: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
  const bigger = new Int32Array(values.length * 2)
  bigger.set(values)
  return bigger
}

/** FNV-1a over UTF-16 code units, mixed at the end so that linear probing sees spread low bits. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  return hash ^ (hash >>> 13)
}
