/**
 * mulberry32, a small seeded generator: synthetic datasets and randomised tests come out the same on every run,
 * so a failing case replays from its seed. Not for anything that must be unpredictable.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The generator with what randomised tests draw from it. */
export function seededRandom(seed: number) {
  const next = mulberry32(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  return {next, pick, chance: (p: number) => next() < p}
}
