/**
 * A consumer's project, made from this package's `npm pack` tarball: the tarball is unpacked as
 * `node_modules/china-desk` of a scratch Studio in a temporary folder, and every other package (the peers
 * `sanity`, `react`, `styled-components`, `@sanity/client`, TypeScript) is a symlink into this project's
 * `node_modules`, so the check runs offline without a registry. Its only config line is `chinaDesk()`.
 */
import {execFile} from 'node:child_process'
import {mkdir, mkdtemp, readdir, readFile, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'

const run = promisify(execFile)

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..')

export interface ScratchProject {
  dir: string
  tarball: string
  /** Runs a binary from the (linked) node_modules/.bin inside the scratch project. */
  exec(bin: string, args: string[], env?: Record<string, string>): Promise<{stdout: string; stderr: string}>
}

const STUDIO_CONFIG = `import {defineConfig} from 'sanity'
import {chinaDesk} from 'china-desk/schemas'

export default defineConfig({
  name: 'default',
  title: 'Someone else\\'s Studio',
  projectId: 'scratch1',
  dataset: 'production',
  plugins: [chinaDesk()],
})
`

const CLI_CONFIG = `import {defineCliConfig} from 'sanity/cli'

export default defineCliConfig({api: {projectId: 'scratch1', dataset: 'production'}})
`

/** A front end: typed query through @sanity/client; the ts-expect-error lines prove the types are not `any`. */
const FRONT_END = `import {createClient} from '@sanity/client'
import {ARTICLE_BY_SLUG_QUERY, runQuery} from 'china-desk/queries'

const client = createClient({projectId: 'scratch1', dataset: 'production', apiVersion: '2025-02-19', useCdn: true})

export async function articleTitle(slug: string): Promise<string | null> {
  const article = await runQuery(client, ARTICLE_BY_SLUG_QUERY, {slug})
  // @ts-expect-error the query result has no such field
  void article?.notAField
  return article?.title ?? null
}

export async function missingParameter() {
  // @ts-expect-error $slug is required
  return runQuery(client, ARTICLE_BY_SLUG_QUERY, {})
}
`

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2023', 'DOM'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ['frontend.ts'],
}

export async function createScratchProject(): Promise<ScratchProject> {
  const dir = await mkdtemp(join(tmpdir(), 'china-desk-consumer-'))
  const packDir = join(dir, 'pack')
  await mkdir(packDir)
  const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', packDir], {cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024})
  // `prepack` (the package build) may print before npm's JSON report; the report is the last thing out.
  const report = stdout.slice(stdout.search(/^\[/m))
  const tarball = join(packDir, (JSON.parse(report) as {filename: string}[])[0].filename)

  const modules = join(dir, 'studio', 'node_modules')
  await mkdir(join(modules, 'china-desk'), {recursive: true})
  await run('tar', ['-xzf', tarball, '-C', join(modules, 'china-desk'), '--strip-components=1'])
  for (const entry of await readdir(join(PROJECT_DIR, 'node_modules'))) {
    if (entry === 'china-desk' || entry === '.package-lock.json') continue
    await symlink(join(PROJECT_DIR, 'node_modules', entry), join(modules, entry))
  }

  const studio = join(dir, 'studio')
  // `sanity build` insists the Studio declares its peers; the versions are the ones linked in.
  const version = async (name: string) => JSON.parse(await readFile(join(modules, name, 'package.json'), 'utf8')).version as string
  const dependencies: Record<string, string> = {'china-desk': `file:${tarball}`}
  for (const name of ['sanity', 'react', 'react-dom', 'styled-components', '@sanity/client']) dependencies[name] = await version(name)
  await writeFile(join(studio, 'package.json'), JSON.stringify({name: 'scratch-studio', private: true, type: 'module', dependencies}, null, 2))
  await writeFile(join(studio, 'sanity.config.ts'), STUDIO_CONFIG)
  await writeFile(join(studio, 'sanity.cli.ts'), CLI_CONFIG)
  await writeFile(join(studio, 'frontend.ts'), FRONT_END)
  await writeFile(join(studio, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))
  return {
    dir: studio,
    tarball,
    exec: (bin, args, env = {}) =>
      run(join(modules, '.bin', bin), args, {cwd: studio, env: {...process.env, ...env}, maxBuffer: 64 * 1024 * 1024}),
  }
}
