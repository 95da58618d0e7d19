/**
 * `npm run studio` serves the offline Studio build only while it is newer than every source the bundle is made
 * of: an edit to any file the Studio config reaches must make it build again, or an editor sees yesterday's Studio.
 */
import {mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'

import {isStudioBuildFresh, OFFLINE_BUILD_MARKER} from '../../lake/server/studioBuild'

const BUILT = new Date('2026-01-02T00:00:00Z')
const BEFORE = new Date('2026-01-01T00:00:00Z')
const AFTER = new Date('2026-01-03T00:00:00Z')
const SOURCES = ['sanity.config.ts', 'schemas/article.ts', 'plugins/unicorn-stats/helpers/parseAmountInput.ts', 'queries/searchTerms.ts']

let project: string
afterEach(() => rmSync(project, {recursive: true, force: true}))

function write(path: string, text: string, time: Date): void {
  mkdirSync(dirname(path), {recursive: true})
  writeFileSync(path, text)
  utimesSync(path, time, time)
}

/** A project whose sources all predate an offline build in `dist/`; folders keep the times of their files. */
function builtProject(): string {
  project = mkdtempSync(join(tmpdir(), 'studio-fresh-'))
  for (const source of SOURCES) write(join(project, source), '// source\n', BEFORE)
  write(join(project, 'dist', 'index.html'), '<!doctype html>', BUILT)
  write(join(project, 'dist', OFFLINE_BUILD_MARKER), JSON.stringify({nodeEnv: 'production'}), BUILT)
  for (const folder of ['schemas', 'plugins', 'plugins/unicorn-stats', 'plugins/unicorn-stats/helpers', 'queries']) utimesSync(join(project, folder), BEFORE, BEFORE)
  return project
}

describe('the offline Studio build is fresh only while no Studio source is newer', () => {
  it('is fresh when every source predates it', () => {
    expect(isStudioBuildFresh(builtProject(), join(project, 'dist'))).toBe(true)
  })

  it.each(SOURCES)('is stale after %s changes', (source) => {
    builtProject()
    write(join(project, source), '// edited\n', AFTER)
    expect(isStudioBuildFresh(project, join(project, 'dist'))).toBe(false)
  })

  it('is stale when its marker records a development build', () => {
    builtProject()
    write(join(project, 'dist', OFFLINE_BUILD_MARKER), JSON.stringify({nodeEnv: 'development'}), BUILT)
    expect(isStudioBuildFresh(project, join(project, 'dist'))).toBe(false)
  })
})
