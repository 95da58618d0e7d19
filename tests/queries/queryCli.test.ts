/**
 * `npm run query` as a user runs it (a child process through tsx): help, the default summary,
 * parameters as flags or `--param`, perspectives, errors on stderr with exit code 1, and
 * `--remote` against a loopback stand-in, where the read token is sent but never printed.
 */
import {execFile} from 'node:child_process'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {queryRegistry} from '../../queries'
import {BUNDLED_ARTICLE_SLUG, openQueryFixtureLake, type QueryFixture} from '../fixtures/queryFixtureLake'

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx')
const TOKEN = 'sk-test-read-token-0123456789'

let fixture: QueryFixture
beforeAll(async () => {
  fixture = await openQueryFixtureLake()
})
afterAll(() => fixture?.close())

async function query(args: string[], env: Record<string, string> = {}): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await promisify(execFile)(TSX, ['scripts/query.ts', ...args], {env: {...process.env, ...env}, encoding: 'utf8'})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
  }
}

// Each run starts tsx and loads the lake and @sanity/client: seconds apiece on a busy machine.
const SLOW = {timeout: 120_000}

describe('npm run query (local dataset)', SLOW, () => {
  test('--help lists every query and its parameters', async () => {
    const {code, stdout} = await query(['--help'])
    expect(code).toBe(0)
    for (const name of Object.keys(queryRegistry)) expect(stdout).toContain(`\n  ${name}\n`)
    expect(stdout).toContain('--slug <string>')
    expect(stdout).toContain('--companyId <documentId>')
    expect(stdout).toContain('--dataset-file <file>')
  })

  test('without a name: the newest articles, briefly, and how to see one', async () => {
    const {code, stdout} = await query(['--dataset-file', fixture.file])
    expect(code).toBe(0)
    expect(stdout).toContain(`  2022-10-12  ${BUNDLED_ARTICLE_SLUG}  Microsoft claws back Chinese market`)
    expect(stdout.indexOf('cybersecurity-law-amended')).toBeLessThan(stdout.indexOf(BUNDLED_ARTICLE_SLUG))
    expect(stdout).toContain('npm run query -- articleBySlug --slug cybersecurity-law-amended')
  })

  test('a query by name prints its result as JSON; --param and --perspective work', async () => {
    const [page, draft, list] = await Promise.all([
      query(['articleBySlug', '--slug', BUNDLED_ARTICLE_SLUG, '--dataset-file', fixture.file]),
      query(['articleBySlug', '--param', 'slug=pipl-one-year-on', '--perspective', 'drafts', '--dataset-file', fixture.file]),
      query(['articleList', '--limit', '2', '--tag=Microsoft', '--dataset-file', fixture.file]),
    ])
    expect(page.code).toBe(0)
    expect(JSON.parse(page.stdout)).toMatchObject({_id: 'article.microsoft-claws-back-chinese-market', section: {title: 'Technology'}})
    expect(JSON.parse(draft.stdout).title).toBe('PIPL one year on: the costs (draft)')
    expect(JSON.parse(list.stdout).map((row: {_id: string}) => row._id)).toEqual(['article.linkedin-exit', 'article.github-china-mirror'])
  })

  test('--text searches as a reader types, in Chinese and pinyin; nothing searchable is an error', async () => {
    const [chinese, pinyin, empty] = await Promise.all([
      query(['search', '--text', '世纪互联', '--dataset-file', fixture.file]),
      query(['search', '--text', 'shiji hulian', '--dataset-file', fixture.file]),
      query(['search', '--text', ' ?! ', '--dataset-file', fixture.file]),
    ])
    const ids = (run: {stdout: string}) => (JSON.parse(run.stdout) as {_id: string}[]).map((row) => row._id)
    expect(ids(chinese)).toContain('article.microsoft-claws-back-chinese-market')
    expect(ids(pinyin)).toContain('article.microsoft-claws-back-chinese-market')
    expect(empty).toMatchObject({code: 1, stdout: ''})
    expect(empty.stderr).toContain('has nothing to search for')
  })

  test('bad parameters, unknown queries and a missing dataset fail on stderr with exit code 1', async () => {
    const [missing, limit, unknown, noFile] = await Promise.all([
      query(['articleBySlug', '--dataset-file', fixture.file]),
      query(['articleList', '--limit', 'ten', '--dataset-file', fixture.file]),
      query(['articlesBySlug', '--dataset-file', fixture.file]),
      query(['sitemap', '--dataset-file', join(fixture.file, '..', 'absent.ndjson')]),
    ])
    expect(missing).toMatchObject({code: 1, stdout: ''})
    expect(missing.stderr).toContain('articleBySlug: parameter $slug is missing')
    expect(limit.stderr).toContain('articleList: parameter $limit must be an integer between 1 and 100, got "ten"')
    expect(unknown.stderr).toContain('Unknown query "articlesBySlug"')
    expect(noFile.code).toBe(1)
    expect(noFile.stderr).toContain('absent.ndjson: dataset file not found')
  })
})

describe('npm run query --remote', SLOW, () => {
  let server: Server
  const seen: Array<{url: string; authorization?: string}> = []
  let reject = false
  let env: Record<string, string>
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({url: request.url ?? '', authorization: request.headers.authorization})
      if (reject) {
        response.writeHead(401, {'content-type': 'application/json'})
        response.end(JSON.stringify({error: 'Unauthorized', message: `Session ${TOKEN} does not match project host`}))
        return
      }
      response.writeHead(200, {'content-type': 'application/json'})
      response.end(JSON.stringify({ms: 1, result: [{_id: 'regulation.x', title: 'Remote law', events: []}]}))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const {port} = server.address() as AddressInfo
    env = {SANITY_PROJECT_ID: 'chinadesk-local', SANITY_DATASET: 'production', SANITY_API_READ_TOKEN: TOKEN, SANITY_API_HOST: `http://127.0.0.1:${port}`}
  })
  afterAll(() => new Promise((resolve) => server?.close(resolve)))

  test('asks the Content Lake with the token and the pinned API version; never prints the token', async () => {
    const ok = await query(['regulationTimeline', '--remote', '--perspective', 'drafts'], env)
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toEqual([{_id: 'regulation.x', title: 'Remote law', events: []}])
    expect(seen[0].url).toMatch(/^\/v2025-02-19\/data\/query\/production\?/)
    expect(new URL(seen[0].url, 'http://x').searchParams.get('perspective')).toBe('drafts')
    expect(seen[0].authorization).toBe(`Bearer ${TOKEN}`)
    reject = true
    const failed = await query(['regulationTimeline', '--remote'], env)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('does not match project host')
    expect(failed.stdout + failed.stderr).not.toContain(TOKEN)
  })

  test('missing configuration is named', async () => {
    const result = await query(['sitemap', '--remote'], {SANITY_PROJECT_ID: '', SANITY_DATASET: ''})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('--remote needs SANITY_PROJECT_ID and SANITY_DATASET')
  })
})
