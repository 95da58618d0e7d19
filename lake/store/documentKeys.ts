/**
 * The index keys of a document, with exactly the semantics of the GROQ conditions they answer: the `_ref`s
 * `references()` finds, the `<field>._ref` values `section._ref == $id` compares, and `slug.current`.
 */
import type {Doc} from '../types'

/** The `_ref` values groq-js's `references()` would find: an object with a truthy `_ref` is not searched further. */
export function collectReferences(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into)
  } else if (value && typeof value === 'object') {
    const ref = (value as {_ref?: unknown})._ref
    if (ref) {
      if (typeof ref === 'string') into.add(ref)
    } else {
      // `for…in` rather than Object.values: no array per object (a first open walks every object of every line).
      // Documents are plain objects (JSON.parse, mutations), so it visits exactly the own enumerable values.
      for (const key in value) collectReferences((value as Record<string, unknown>)[key], into)
    }
  }
  return into
}

/** Joins a top-level field name and the `_ref` it holds: `section._ref == $id` looks up `section` + FIELD_REF_JOINER + id. */
export const FIELD_REF_JOINER = '\u0001'

/**
 * Separates several keys of one per-row lookup (see `lake/query/dynamicLookup.ts`). The store counts documents
 * whose keys contain it, so that such a lookup can fall back to every document when a key could be split wrongly.
 */
export const KEY_SEPARATOR = '\u0000'

/** Keys for `<field>._ref == x`: every top-level field holding an object (not an array) with a string `_ref`. */
export function fieldReferences(doc: Doc): string[] {
  const keys: string[] = []
  for (const name in doc) {
    const value = doc[name]
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const ref = (value as {_ref?: unknown})._ref
      if (typeof ref === 'string') keys.push(name + FIELD_REF_JOINER + ref)
    }
  }
  return keys
}

export function slugOf(doc: Doc): string | undefined {
  const slug = doc.slug
  if (!slug || typeof slug !== 'object' || Array.isArray(slug)) return undefined
  const current = (slug as {current?: unknown}).current
  return typeof current === 'string' ? current : undefined
}
