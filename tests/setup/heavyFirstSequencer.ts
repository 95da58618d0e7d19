/**
 * Runs the longest test files first, so the two workers finish together instead of one waiting on a
 * consumer Studio build that started last.
 *
 * vitest orders by the durations it cached from the previous run, but a fresh clone (CI) has no cache and
 * falls back to file size, which puts the short-but-slow browser scenarios last. A file without a cached
 * duration gets a rough estimate by kind: a scratch Studio's install and build, a browser scenario, an
 * import or export round trip, anything else.
 */
import {relative} from 'node:path'

import {BaseSequencer, type TestSpecification} from 'vitest/node'

/** Rough durations in ms on the 2-core CI machine; only their order matters. */
const ESTIMATES: Array<[RegExp, number]> = [
  [/^tests\/consumer\//, 180_000],
  [/^tests\/studio\/(?!standIn)/, 90_000],
  [/^tests\/(export|importer)\//, 15_000],
]
const OTHER_FILE_ESTIMATE = 2_000

export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // vitest's own order first (failed files first among equals), then longest first, stable.
    const ordered = await super.sort(files)
    const expected = new Map(ordered.map((file) => [file, this.expectedDuration(file)]))
    return [...ordered].sort((a, b) => expected.get(b)! - expected.get(a)!)
  }

  private expectedDuration(file: TestSpecification): number {
    const path = relative(this.ctx.config.root, file.moduleId)
    const cached = this.ctx.cache.getFileTestResults(`${file.project.name}:${path}`)
    if (cached?.failed) return Number.POSITIVE_INFINITY
    if (cached) return cached.duration
    return ESTIMATES.find(([pattern]) => pattern.test(path))?.[1] ?? OTHER_FILE_ESTIMATE
  }
}
