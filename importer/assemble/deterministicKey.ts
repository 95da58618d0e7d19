/**
 * Deterministic `_key`s and transaction ids. Random keys (what block-tools and the Studio use) would make
 * every rerun produce a different document and defeat the "second run changes nothing" promise, so every
 * key is a short hash of where the item sits and what it holds.
 */
import {createHash} from 'node:crypto'

/** 12 hex characters: short enough for paths, collisions need ~16M items in one array. */
export function deterministicKey(...parts: (string | number)[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 12)
}

/** Hash of arbitrary JSON-able content, for transaction ids that are the same on every retry. */
export function contentHash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex')
}
