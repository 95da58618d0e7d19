/**
 * A consumer's Studio, made the way a new user makes one: a folder whose package.json names `sanity`, React,
 * styled-components and this package's `npm pack` tarball, then a plain `npm install` (no
 * `--legacy-peer-deps`) from the registry. Its config adds only `chinaDesk()`, pointed at the local stand-in
 * (the Studio calls whatever origin serves it), so the built Studio can be opened offline.
 *
 * Installing a whole Studio takes minutes, so each lane's project lives in a cache folder and is reused
 * while its inputs are unchanged: the lane's packages, this package's declared dependencies and peers, and the
 * Node version. Any change to those gives a fresh folder and a fresh install; otherwise only a changed tarball
 * is installed into the existing tree (npm re-resolves china-desk's dependencies and peers against it), and the
 * same tarball (same bytes) is not installed again. `CHINA_DESK_CONSUMER_FRESH=1` forces fresh installs and builds.
 */
import {createHash} from 'node:crypto'
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {copyFile, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'

const run = promisify(execFile)

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..')
/**
 * Outside the repository's node_modules so `npm ci` (which deletes node_modules) keeps it: a fresh clone on the
 * same machine reuses the installed Studios and Node 24, like npm reuses its own cache in ~/.npm.
 */
export const CONSUMER_CACHE = process.env.CHINA_DESK_CONSUMER_CACHE ?? join(homedir(), '.cache', 'china-desk-consumer')
/** The stand-in answers this project id (tests/studio/harness/session.ts seeds its dataset). */
export const SCRATCH_PROJECT_ID = 'chinadesk-local'

export interface StudioLane {
  /** Folder-name prefix in the cache, e.g. `sanity6`. */
  name: string
  /** The exact Sanity version the Studio installs. */
  sanity: string
  /** A folder with a `node` binary to put first on PATH (the Sanity 6 lane's Node 24); default: this Node. */
  nodeBinDir?: string
  /** Extra packages the scratch project declares (e.g. TypeScript for the front-end check). */
  extraDependencies?: Record<string, string>
}

/** `fresh`: a whole Studio installed; `new tarball`: the cached tree took a changed tarball; `unchanged`: no npm. */
export type InstallState = 'fresh' | 'new tarball' | 'unchanged'

export interface ScratchProject {
  dir: string
  /** Whether this run installed a Studio from scratch. */
  freshInstall: boolean
  install: InstallState
  installSeconds: number
  /** `node --version` of the lane's Node. */
  nodeVersion: string
  /** The lane's environment (its Node first on PATH), for long-running commands such as `sanity dev`. */
  env: NodeJS.ProcessEnv
  /** Runs a binary from the project's node_modules/.bin, under the lane's Node. */
  exec(bin: string, args: string[], env?: Record<string, string>): Promise<{stdout: string; stderr: string}>
}

const STUDIO_CONFIG = `import {defineConfig} from 'sanity'
import {chinaDesk} from 'china-desk/schemas'

// Offline: the Studio's API host is the local stand-in: the origin that serves the built Studio, or the one
// named by SANITY_STUDIO_API_HOST when \`sanity dev\` serves it; token login lets the stand-in sign the editor
// in. The CLI loads this file in Node too, where there is no page.
const apiHost =
  process.env.SANITY_STUDIO_API_HOST || (typeof window === 'undefined' ? 'https://localhost' : window.location.origin)

export default defineConfig({
  name: 'default',
  title: 'Someone else\\'s Studio',
  projectId: '${SCRATCH_PROJECT_ID}',
  dataset: 'production',
  plugins: [chinaDesk()],
  apiHost,
  auth: {loginMethod: 'token'},
})
`

const CLI_CONFIG = `import {defineCliConfig} from 'sanity/cli'

export default defineCliConfig({api: {projectId: '${SCRATCH_PROJECT_ID}', dataset: 'production'}})
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

async function laneNodeVersion(lane: StudioLane): Promise<string> {
  if (!lane.nodeBinDir) return process.version
  return (await run(join(lane.nodeBinDir, 'node'), ['--version'])).stdout.trim()
}

export async function createScratchStudio(lane: StudioLane, tarball: string): Promise<ScratchProject> {
  const own = JSON.parse(await readFile(join(PROJECT_DIR, 'package.json'), 'utf8'))
  const dependencies: Record<string, string> = {
    sanity: lane.sanity,
    react: '^19.2.2',
    'react-dom': '^19.2.2',
    'styled-components': '^6.1.15',
    '@sanity/client': '^7',
    ...lane.extraDependencies,
    'china-desk': 'file:china-desk.tgz',
  }
  const key = createHash('sha256')
    .update(JSON.stringify({dependencies, own: [own.dependencies, own.peerDependencies], node: await laneNodeVersion(lane)}))
    .digest('hex')
    .slice(0, 12)
  const dir = join(CONSUMER_CACHE, `${lane.name}-${key}`)
  await mkdir(CONSUMER_CACHE, {recursive: true})
  for (const entry of await readdir(CONSUMER_CACHE)) {
    if (entry.startsWith(`${lane.name}-`) && join(CONSUMER_CACHE, entry) !== dir) await rm(join(CONSUMER_CACHE, entry), {recursive: true, force: true})
  }

  // A consumer's shell, not vitest's: vitest sets NODE_ENV=test, under which `sanity build` bundles React's
  // development build (slower in every browser step) and `sanity dev` is not what a user runs.
  const {NODE_ENV: _vitestNodeEnv, ...shellEnv} = process.env
  const env = {...shellEnv, ...(lane.nodeBinDir ? {PATH: `${lane.nodeBinDir}:${process.env.PATH}`} : {})}
  const installed = join(dir, '.installed')
  const freshInstall = !existsSync(installed) || process.env.CHINA_DESK_CONSUMER_FRESH === '1'
  if (freshInstall) await rm(dir, {recursive: true, force: true})
  await mkdir(dir, {recursive: true})
  await writeFile(join(dir, 'package.json'), JSON.stringify({name: `scratch-${lane.name}`, private: true, type: 'module', dependencies}, null, 2))
  await writeFile(join(dir, 'sanity.config.ts'), STUDIO_CONFIG)
  await writeFile(join(dir, 'sanity.cli.ts'), CLI_CONFIG)
  await writeFile(join(dir, 'frontend.ts'), FRONT_END)
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))
  await copyFile(tarball, join(dir, 'china-desk.tgz'))

  // The tree already holds this very tarball (same bytes: npm pack is reproducible) when the stamp names it.
  const tarballHash = sha256(await readFile(tarball))
  const install: InstallState = freshInstall ? 'fresh' : (await readFile(installed, 'utf8')) === tarballHash ? 'unchanged' : 'new tarball'
  const started = performance.now()
  if (install !== 'unchanged') {
    const npmArgs = ['install', '--no-audit', '--no-fund', '--prefer-offline', ...(freshInstall ? [] : ['./china-desk.tgz'])]
    try {
      await run('npm', npmArgs, {cwd: dir, env, maxBuffer: 64 * 1024 * 1024})
    } catch (error) {
      const {stderr} = error as {stderr?: string}
      throw new Error(`npm ${npmArgs.join(' ')} failed in the ${lane.name} scratch Studio:\n${stderr?.slice(-4000) ?? error}`)
    }
    await writeFile(installed, tarballHash)
  }
  return {
    dir,
    freshInstall,
    install,
    installSeconds: (performance.now() - started) / 1000,
    nodeVersion: await laneNodeVersion(lane),
    env,
    exec: (bin, args, extraEnv = {}) =>
      run(join(dir, 'node_modules', '.bin', bin), args, {cwd: dir, env: {...env, ...extraEnv}, maxBuffer: 64 * 1024 * 1024}),
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}
