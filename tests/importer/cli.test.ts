/**
 * The `npm run import` CLI end to end, in child processes: `--dry-run` prints the plan and writes
 * nothing; `--target sanity` writes through `@sanity/client` to a loopback stand-in named by
 * SANITY_API_HOST, writes `--report`, and never prints the token.
 */
import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {afterAll, describe, expect, it} from 'vitest'

import {datasetSnapshot, REPO, tempDir} from './importFixtures'
import {MutateStandIn} from './mutateStandIn'

const TOKEN = 'sk-cli-test-token-never-printed'
const standIn = new MutateStandIn({seed: 5, token: TOKEN, faults: {rateLimit: 0.2, serverError: 0.2}, retryAfterSeconds: 1})
afterAll(() => standIn.stop())

async function runCli(args: string[], env: Record<string, string> = {}) {
  try {
    const {stdout, stderr} = await promisify(execFile)('npx', ['tsx', 'scripts/import.ts', ...args], {cwd: REPO, env: {...process.env, ...env}})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
  }
}

describe('scripts/import.ts', () => {
  it('--dry-run prints what would be created and writes nothing', {timeout: 180_000}, async () => {
    const datasetFile = join(await tempDir('importer-cli-'), 'production.ndjson')
    const result = await runCli(['--dry-run', '--json', '--dataset-file', datasetFile])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('would create  article.microsoft-claws-back-chinese-market (createOrReplace)')
    expect(result.stderr).toContain('would create  company.microsoft (createIfNotExists)')
    expect(result.stderr).toContain('dry run: 17 created, 0 updated, 0 unchanged')
    expect(JSON.parse(result.stdout)).toMatchObject({dryRun: true, totals: {created: 17}})
    expect(datasetSnapshot(datasetFile)).toEqual({[datasetFile]: null, [`${datasetFile}.txlog`]: null})
  })

  it('--target sanity writes through the client to SANITY_API_HOST and never prints the token', {timeout: 180_000}, async () => {
    const apiHost = await standIn.start()
    const reportFile = join(await tempDir('importer-cli-'), 'report.json')
    const result = await runCli(['--target', 'sanity', '--report', reportFile], {
      SANITY_PROJECT_ID: 'standin',
      SANITY_DATASET: 'production',
      SANITY_API_WRITE_TOKEN: TOKEN,
      SANITY_API_HOST: apiHost,
    })
    expect(result.stderr).not.toContain(TOKEN)
    expect(result.stdout).not.toContain(TOKEN)
    expect(result.code).toBe(0)
    expect(standIn.documents.size).toBe(17)
    expect([...standIn.writes.values()].every((count) => count === 1)).toBe(true)
    const report = JSON.parse(await readFile(reportFile, 'utf8'))
    expect(report).toMatchObject({target: 'Content Lake standin/production', totals: {created: 17}})
  })

  it('--target sanity without credentials is a clear error', {timeout: 180_000}, async () => {
    const result = await runCli(['--target', 'sanity'], {SANITY_PROJECT_ID: '', SANITY_DATASET: '', SANITY_API_WRITE_TOKEN: ''})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('--target sanity needs SANITY_PROJECT_ID, SANITY_DATASET, SANITY_API_WRITE_TOKEN')
  })
})
