/**
 * `npm run studio`: the real Sanity Studio, offline, on the local dataset. Builds the Studio when its sources
 * changed, then serves it and the local Content Lake stand-in (lake/server/) on one loopback HTTPS port.
 * Edits land in the dataset file at once, so `npm run query` sees them. A development and demo tool: production
 * editing uses a Sanity project (`sanity dev` / `sanity deploy`).
 */
import {existsSync} from 'node:fs'
import {resolve} from 'node:path'
import {parseArgs} from 'node:util'

import {DEFAULT_DATASET_FILE, LocalLake} from '../lake'
import {assertLoopbackHost, startStandIn} from '../lake/server'
import {normalizeOrigin} from '../lake/server/originPolicy'
import {ensureOfflineStudioBuild} from '../lake/server/studioBuild'

const HELP = `Usage: npm run studio -- [options]

Serves the Sanity Studio and a local Content Lake stand-in on https://localhost:<port> (loopback only).

Options:
  --port <n>             Port to listen on (default 3434)
  --dataset-file <path>  Dataset to edit (default ${DEFAULT_DATASET_FILE}); uploads go to assets/ beside it
  --rebuild              Rebuild the Studio even if dist/ is newer than its sources
  --host <host>          Only 127.0.0.1 / localhost are accepted: the stand-in has no authentication
  --cors-origin <origin> Also answer CORS for this browser origin (repeatable), e.g. a front end on
                         http://localhost:3000. The Studio's own origins are always allowed; any other page
                         gets no CORS headers and its writes are refused (403)
  --help                 Show this help

The certificate is self-signed and made at start-up: accept it for the page and for the API host
(https://<projectId>.localhost:<port>), or enable chrome://flags/#allow-insecure-localhost.
`

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      port: {type: 'string', default: '3434'},
      'dataset-file': {type: 'string', default: DEFAULT_DATASET_FILE},
      rebuild: {type: 'boolean', default: false},
      host: {type: 'string'},
      'cors-origin': {type: 'string', multiple: true, default: []},
      help: {type: 'boolean', default: false},
    },
  })
  if (values.help) return void process.stdout.write(HELP)
  assertLoopbackHost(values.host)
  const corsOrigins = values['cors-origin'].map(normalizeOrigin)
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`)

  const projectDir = resolve(import.meta.dirname, '..')
  const datasetFile = resolve(values['dataset-file'])
  if (!existsSync(datasetFile)) {
    console.warn(`${datasetFile} does not exist yet: starting with an empty dataset (run \`npm run import\` to add the article).`)
  }
  await ensureOfflineStudioBuild({projectDir, outDir: 'dist', rebuild: values.rebuild})

  const lake = await LocalLake.open(datasetFile, {createIfMissing: true})
  const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'chinadesk-local'
  const dataset = process.env.SANITY_STUDIO_DATASET || 'production'
  const standIn = await startStandIn({lake, datasetFile, projectId, dataset, port, corsOrigins, studioDir: resolve(projectDir, 'dist')})

  console.log(`China Desk Studio (offline) on ${standIn.origin}/`)
  console.log(`  dataset   ${datasetFile}`)
  console.log(`  API       ${standIn.apiOrigin} (local Content Lake stand-in)`)
  if (corsOrigins.length) console.log(`  CORS      also for ${corsOrigins.join(', ')}`)
  console.log('The certificate is self-signed: accept it for the page, and once for the API host by opening')
  console.log(`  ${standIn.apiOrigin}/v1/ping (or enable chrome://flags/#allow-insecure-localhost). Ctrl+C stops.`)

  // On Ctrl+C or a service stop, close the lake too: that folds its transaction log into the dataset file, so the
  // file alone holds every edit once the Studio is gone. A second signal while closing is ignored.
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await standIn.close().catch((error: Error) => console.error(`stand-in: ${error.message}`))
    await lake.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
