/**
 * The shared strings of a segment being built (`segmentBuilder.ts`), found by their UTF-8 bytes in an
 * open-addressing table: a line's type, referenced ids and stamps are looked up without making a string of them.
 * The strings' bytes live in the builder's text (`byteStarts[p]` is where string `p` starts; the last one ends
 * where the builder's whole strings end).
 */
import type {IntList} from './segmentEncode'

/** FNV-1a of `bytes[from, to)`. */
export function hashOf(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193)
  return hash
}

export class SharedStrings {
  /** Position + 1 of a shared string, 0 for an empty slot; never more than half full. */
  private slots = new Int32Array(1 << 12)
  private count = 0

  clear(): void {
    if (this.count > 0) this.slots.fill(0)
    this.count = 0
  }

  /** The position of the stored string whose bytes are `text[from, to)` (hash `hash`), or -1. */
  find(hash: number, text: Uint8Array, from: number, to: number, byteStarts: IntList): number {
    const length = to - from
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]
      if (entry === 0) return -1
      const start = byteStarts.at(entry - 1)
      // A stored string ends where the next one starts; the last one where the string looked up starts.
      const end = entry < byteStarts.size ? byteStarts.at(entry) : from
      if (end - start === length && sameBytes(text, start, from, length)) return entry - 1
    }
  }

  /** Adds string `position` (the builder's last whole one, ending at `end`). */
  add(hash: number, position: number, text: Uint8Array, byteStarts: IntList, end: number): void {
    this.place(hash, position)
    if (++this.count * 2 <= this.slots.length) return
    const old = this.slots
    this.slots = new Int32Array(old.length * 2)
    for (const entry of old) {
      if (entry === 0) continue
      const start = byteStarts.at(entry - 1)
      this.place(hashOf(text, start, entry < byteStarts.size ? byteStarts.at(entry) : end), entry - 1)
    }
  }

  private place(hash: number, position: number): void {
    const mask = this.slots.length - 1
    let slot = hash & mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask
    this.slots[slot] = position + 1
  }
}

function sameBytes(bytes: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false
  return true
}
